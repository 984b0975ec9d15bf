import { cityIsolationSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_identity';

/**
 * Sessions with rotating refresh tokens (stored as SHA-256 hashes only), and the revocation feed
 * the gateway polls so that a revoked or suspended account's access tokens, and a logged-out
 * session's, stop working at once.
 */
export class SessionsAndTokenRevocations1764201600001 implements MigrationInterface {
  name = 'SessionsAndTokenRevocations1764201600001';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE identity.session (
        id uuid PRIMARY KEY,
        city_id text NOT NULL REFERENCES identity.city(id),
        account_id uuid NOT NULL REFERENCES identity.account(id),
        created_at timestamptz NOT NULL,
        -- Absolute end: refreshing never extends a session past it.
        expires_at timestamptz NOT NULL,
        client_address text,
        last_refreshed_at timestamptz,
        ended_at timestamptz,
        end_reason text,
        CHECK ((ended_at IS NULL) = (end_reason IS NULL))
      )`,
      `CREATE INDEX session_city_account_live_idx ON identity.session (city_id, account_id) WHERE ended_at IS NULL`,
      // One row per refresh token ever issued, with the access token issued beside it. A used row
      // presented again means the token was copied: the whole session ends.
      `CREATE TABLE identity.session_token (
        refresh_token_hash text PRIMARY KEY CHECK (refresh_token_hash ~ '^[0-9a-f]{64}$'),
        city_id text NOT NULL REFERENCES identity.city(id),
        session_id uuid NOT NULL REFERENCES identity.session(id),
        access_token_id text NOT NULL,
        access_expires_at timestamptz NOT NULL,
        issued_at timestamptz NOT NULL,
        used_at timestamptz
      )`,
      `CREATE INDEX session_token_city_session_idx ON identity.session_token (city_id, session_id)`,
      ...cityIsolationSql('identity.session'),
      ...cityIsolationSql('identity.session_token'),
      `GRANT SELECT, INSERT, UPDATE ON identity.session, identity.session_token TO ${ROLE}`,
      // The revocation feed. No city column on purpose: it holds only opaque ids (an account id, an
      // access token's id) and is read by the gateway for every city before any city is known.
      // txid orders the feed safely: a reader that remembers the oldest transaction still running
      // at its last read cannot miss a row committed later with a smaller id.
      `CREATE TABLE identity.token_revocation (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('ACCOUNT', 'TOKEN')),
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 100),
        not_before timestamptz,
        expires_at timestamptz NOT NULL,
        txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'ACCOUNT') = (not_before IS NOT NULL))
      )`,
      `CREATE INDEX token_revocation_txid_idx ON identity.token_revocation (txid)`,
      `CREATE INDEX token_revocation_expires_idx ON identity.token_revocation (expires_at)`,
      `GRANT SELECT, INSERT ON identity.token_revocation TO ${ROLE}`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['token_revocation', 'session_token', 'session']) await db.query(`DROP TABLE IF EXISTS identity.${table}`);
  }
}
