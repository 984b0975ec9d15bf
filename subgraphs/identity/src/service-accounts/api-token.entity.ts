import type { Role } from '@custos/auth';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A service account's API token: shown once, kept only as its SHA-256, scoped to some of the account's roles. */
@Entity({ schema: 'identity', name: 'api_token' })
export class ApiTokenEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'uuid', name: 'account_id' }) accountId!: string;
  @Column({ type: 'text', name: 'token_hash', select: false }) tokenHash!: string;
  @Column({ type: 'text', name: 'token_prefix' }) tokenPrefix!: string;
  @Column({ type: 'text', array: true }) scopes!: Role[];
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy!: string;
  @Column({ type: 'timestamptz', name: 'expires_at', nullable: true }) expiresAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'last_used_at', nullable: true }) lastUsedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'uuid', name: 'revoked_by', nullable: true }) revokedBy!: string | null;
  @Column({ type: 'text', name: 'revoke_reason', nullable: true }) revokeReason!: string | null;
  /** Issue 9: a central service account's token may read these cities (with readService); null = its own city only. */
  @Column({ type: 'text', name: 'read_city_ids', array: true, nullable: true }) readCityIds!: string[] | null;
  @Column({ type: 'text', name: 'read_service', nullable: true }) readService!: 'labor-insurance' | 'health-insurance' | null;
}
