import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An agency holds a query item for one registered business item (with its legal basis), from a date until revoked. */
@Entity({ schema: 'permissions', name: 'agency_grant' })
export class AgencyGrantEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'text', name: 'item_key' }) itemKey!: string;
  @Column({ type: 'uuid', name: 'business_item_id' }) businessItemId!: string;
  @Column({ type: 'timestamptz', name: 'granted_at' }) grantedAt!: Date;
  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'text', name: 'revoked_reason', nullable: true }) revokedReason!: string | null;
  @Column({ type: 'uuid', name: 'application_id', nullable: true }) applicationId!: string | null;
}
