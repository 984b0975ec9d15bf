import type { Role } from '@custos/auth';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type AccountStatus = 'ACTIVE' | 'SUSPENDED' | 'REVOKED';
/** PERSONAL: an official's own account; SERVICE: a reporting tool's, under a named official's responsibility. */
export type AccountKind = 'PERSONAL' | 'SERVICE';

/** A person's role-bearing account in one agency of one city. */
@Entity({ schema: 'identity', name: 'account' })
export class AccountEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'uuid', name: 'person_id' }) personId!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'uuid', name: 'unit_id', nullable: true }) unitId!: string | null;
  @Column({ type: 'text' }) username!: string;
  @Column({ type: 'text', array: true }) roles!: Role[];
  @Column({ type: 'text' }) status!: AccountStatus;
  @Column({ type: 'text', name: 'password_hash', nullable: true, select: false }) passwordHash!: string | null;
  @Column({ type: 'timestamptz', name: 'password_changed_at', nullable: true }) passwordChangedAt!: Date | null;
  @Column({ type: 'integer', name: 'failed_login_count' }) failedLoginCount!: number;
  @Column({ type: 'timestamptz', name: 'locked_until', nullable: true }) lockedUntil!: Date | null;
  @Column({ type: 'timestamptz', name: 'last_login_at', nullable: true }) lastLoginAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  /** Why the status last changed (the reason given with suspend, reactivate or revoke). */
  @Column({ type: 'text', name: 'status_reason', nullable: true }) statusReason!: string | null;
  @Column({ type: 'timestamptz', name: 'status_changed_at', nullable: true }) statusChangedAt!: Date | null;
  /** A scheduled revocation (YYYY-MM-DD, Taiwan date): a move or departure date (Changhua 4(六)) or an admin handover. */
  @Column({ type: 'date', name: 'revoke_on', nullable: true }) revokeOn!: string | null;
  @Column({ type: 'text', name: 'revoke_on_reason', nullable: true }) revokeOnReason!: string | null;
  @Column({ type: 'text' }) kind!: AccountKind;
}
