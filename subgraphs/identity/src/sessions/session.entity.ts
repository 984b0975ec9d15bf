import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A signed-in session: from login until logout, revocation of the account, or its absolute end. */
@Entity({ schema: 'identity', name: 'session' })
export class SessionEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'uuid', name: 'account_id' }) accountId!: string;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'expires_at' }) expiresAt!: Date;
  @Column({ type: 'text', name: 'client_address', nullable: true }) clientAddress!: string | null;
  @Column({ type: 'timestamptz', name: 'last_refreshed_at', nullable: true }) lastRefreshedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true }) endedAt!: Date | null;
  @Column({ type: 'text', name: 'end_reason', nullable: true }) endReason!: string | null;
  /** Set when the session was opened with a service account's API token. */
  @Column({ type: 'uuid', name: 'api_token_id', nullable: true }) apiTokenId!: string | null;
}

/** A refresh token (only its SHA-256 is kept) and the access token issued with it. */
@Entity({ schema: 'identity', name: 'session_token' })
export class SessionTokenEntity {
  @PrimaryColumn({ type: 'text', name: 'refresh_token_hash' }) refreshTokenHash!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'uuid', name: 'session_id' }) sessionId!: string;
  @Column({ type: 'text', name: 'access_token_id' }) accessTokenId!: string;
  @Column({ type: 'timestamptz', name: 'access_expires_at' }) accessExpiresAt!: Date;
  @Column({ type: 'timestamptz', name: 'issued_at' }) issuedAt!: Date;
  @Column({ type: 'timestamptz', name: 'used_at', nullable: true }) usedAt!: Date | null;
}

/** One entry of the revocation feed the gateway polls. */
@Entity({ schema: 'identity', name: 'token_revocation' })
export class TokenRevocationEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id!: string;
  @Column({ type: 'text' }) kind!: 'ACCOUNT' | 'TOKEN';
  /** The account id (ACCOUNT) or the access token's id, its `jti` (TOKEN). */
  @Column({ type: 'text' }) subject!: string;
  /** ACCOUNT: tokens issued at or before this instant are refused. */
  @Column({ type: 'timestamptz', name: 'not_before', nullable: true }) notBefore!: Date | null;
  /** After this no token it could refuse is still valid, so the gateway forgets it. */
  @Column({ type: 'timestamptz', name: 'expires_at' }) expiresAt!: Date;
}
