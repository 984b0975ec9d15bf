import { cityIsolationSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_identity';

/**
 * Service accounts for reporting tools: an account of kind SERVICE, under the responsibility of a
 * named official (its person), holding read-only roles; and its API tokens, kept only as SHA-256
 * hashes, scoped, revocable, with the time each was last used.
 */
export class ServiceAccounts1764201600004 implements MigrationInterface {
  name = 'ServiceAccounts1764201600004';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE identity.account ADD COLUMN kind text NOT NULL DEFAULT 'PERSONAL' CHECK (kind IN ('PERSONAL', 'SERVICE'))`,
      `CREATE TABLE identity.api_token (
        id uuid PRIMARY KEY,
        city_id text NOT NULL REFERENCES identity.city(id),
        account_id uuid NOT NULL REFERENCES identity.account(id),
        token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        -- The first characters of the secret, so an admin can tell tokens apart; never enough to use one.
        token_prefix text NOT NULL CHECK (length(token_prefix) BETWEEN 4 AND 12),
        scopes text[] NOT NULL CHECK (cardinality(scopes) > 0),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        created_at timestamptz NOT NULL,
        created_by uuid NOT NULL,
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz,
        revoked_by uuid,
        revoke_reason text,
        CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL))
      )`,
      `CREATE INDEX api_token_city_account_idx ON identity.api_token (city_id, account_id)`,
      ...cityIsolationSql('identity.api_token'),
      `GRANT SELECT, INSERT ON identity.api_token TO ${ROLE}`,
      `GRANT UPDATE (last_used_at, revoked_at, revoked_by, revoke_reason) ON identity.api_token TO ${ROLE}`,
      // A session opened with an API token ends when the token is revoked.
      `ALTER TABLE identity.session ADD COLUMN api_token_id uuid REFERENCES identity.api_token(id)`,
      `CREATE INDEX session_city_api_token_live_idx ON identity.session (city_id, api_token_id) WHERE api_token_id IS NOT NULL AND ended_at IS NULL`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE identity.session DROP COLUMN IF EXISTS api_token_id');
    await db.query('DROP TABLE IF EXISTS identity.api_token');
    await db.query('ALTER TABLE identity.account DROP COLUMN IF EXISTS kind');
  }
}
