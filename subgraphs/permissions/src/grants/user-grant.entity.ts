import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'permissions', name: 'user_grant' })
export class UserGrantEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'uuid', name: 'account_id' }) accountId!: string;
  @Column({ type: 'text', name: 'item_key' }) itemKey!: string;
  @Column({ type: 'timestamptz', name: 'granted_at' }) grantedAt!: Date;
  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
}
