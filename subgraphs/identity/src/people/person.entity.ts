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
}
