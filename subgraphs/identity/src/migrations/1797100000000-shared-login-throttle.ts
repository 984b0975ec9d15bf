import { cityIsolationSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_identity';

/**
 * Login abuse limits shared by every identity process (issue 10): until now the per-address windows and
 * the lockout of usernames without an account lived in each process's memory, so N replicas allowed N
 * times the limit and a restart forgot them.
 *
 * - `identity.login_address_attempt`: one row per counted attempt from a client address (`kind`
 *   FAILURE: a login in flight or failed; CHALLENGE: a certificate challenge). The limit is a sliding
 *   window over these rows; rows older than the window are deleted as they are passed. Not a city
 *   table: an address is limited across every city, before anyone is known.
 * - `identity.login_unknown_username`: the consecutive failures and lockout of a username that has no
 *   account, the same counting a real account keeps in `identity.account` (failed_login_count,
 *   locked_until), so the answers cannot tell unknown usernames from real ones. The username is kept
 *   only as a SHA-256 digest (people type passwords into the username field). A city table (row-level
 *   security) but not trailed: it is anonymous pre-login state, like login challenges.
 */
export class SharedLoginThrottle1797100000000 implements MigrationInterface {
  name = 'SharedLoginThrottle1797100000000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE identity.login_address_attempt (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('FAILURE', 'CHALLENGE')),
        address text NOT NULL,
        attempted_at timestamptz NOT NULL
      )`,
      `CREATE INDEX login_address_attempt_key_time_idx ON identity.login_address_attempt (kind, address, attempted_at DESC)`,
      `CREATE INDEX login_address_attempt_time_idx ON identity.login_address_attempt (attempted_at)`,
      `GRANT SELECT, INSERT, DELETE ON identity.login_address_attempt TO ${ROLE}`,
      `CREATE TABLE identity.login_unknown_username (
        city_id text NOT NULL REFERENCES identity.city(id),
        username_digest text NOT NULL CHECK (username_digest ~ '^[0-9a-f]{64}$'),
        failed_login_count integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_failed_at timestamptz NOT NULL,
        PRIMARY KEY (city_id, username_digest)
      )`,
      `CREATE INDEX login_unknown_username_city_time_idx ON identity.login_unknown_username (city_id, last_failed_at)`,
      ...cityIsolationSql('identity.login_unknown_username'),
      `GRANT SELECT, INSERT, UPDATE, DELETE ON identity.login_unknown_username TO ${ROLE}`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS identity.login_unknown_username');
    await db.query('DROP TABLE IF EXISTS identity.login_address_attempt');
  }
}
