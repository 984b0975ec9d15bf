import { Column, Entity, PrimaryColumn } from 'typeorm';

export type EmploymentStatus = 'EMPLOYED' | 'MOVED' | 'DEPARTED';

@Entity({ schema: 'identity', name: 'person' })
export class PersonEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'text', name: 'display_name' }) displayName!: string;
  @Column({ type: 'text', name: 'myegov_account_id', nullable: true }) myEGovAccountId!: string | null;
  /** SHA-256 of the registered citizen certificate (自然人憑證), how certificate login finds the person. */
  @Column({ type: 'text', name: 'certificate_fingerprint', nullable: true }) certificateFingerprint!: string | null;
  @Column({ type: 'text', name: 'employment_status' }) employmentStatus!: EmploymentStatus;
  /** Outsourced vendor staff may never hold a querying account (Taipei 5(五)). */
  @Column({ type: 'boolean', name: 'is_vendor_staff' }) isVendorStaff!: boolean;
  /** HMAC-SHA256 of the national ID with the city's key: finds duplicates, reveals nothing. Never selected by default. */
  @Column({ type: 'text', name: 'national_id_hash', nullable: true, select: false }) nationalIdHash!: string | null;
  /** The national ID as anyone may see it, e.g. A123****89. */
  @Column({ type: 'text', name: 'national_id_masked', nullable: true }) nationalIdMasked!: string | null;
  /** The day the person moves or leaves (YYYY-MM-DD, Taiwan date), once recorded. */
  @Column({ type: 'date', name: 'left_on', nullable: true }) leftOn!: string | null;
}
