import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A user's grant of one query item (附表二), for a business item of their unit, from a date until revoked. */
@Entity({ schema: 'permissions', name: 'user_grant' })
export class UserGrantEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'uuid', name: 'account_id' }) accountId!: string;
  @Column({ type: 'text', name: 'item_key' }) itemKey!: string;
  @Column({ type: 'timestamptz', name: 'granted_at' }) grantedAt!: Date;
  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'uuid', name: 'agency_id', nullable: true }) agencyId!: string | null;
  @Column({ type: 'uuid', name: 'unit_id', nullable: true }) unitId!: string | null;
  @Column({ type: 'uuid', name: 'business_item_id', nullable: true }) businessItemId!: string | null;
  @Column({ type: 'uuid', name: 'application_id', nullable: true }) applicationId!: string | null;
  @Column({ type: 'text', name: 'revoked_reason', nullable: true }) revokedReason!: string | null;
}
