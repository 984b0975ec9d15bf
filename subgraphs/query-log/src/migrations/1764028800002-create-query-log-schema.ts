import { cityIsolationSql, schemaUsageSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_query_log';

export class CreateQueryLogSchema1764028800002 implements MigrationInterface {
  name = 'CreateQueryLogSchema1764028800002';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      // One register entry per query of a citizen's data (Taipei 6(一): case number, user, date, purpose).
      // The subject is never stored in clear: a keyed hash for matching and a masked form for display.
      `CREATE TABLE query_log.query_record (
        id uuid PRIMARY KEY,
        city_id text NOT NULL,
        sequence bigint NOT NULL CHECK (sequence > 0),
        account_id uuid NOT NULL,
        agency_id uuid NOT NULL,
        unit_id uuid,
        item_key text NOT NULL,
        case_number text NOT NULL CHECK (length(case_number) BETWEEN 1 AND 64),
        purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
        subject_hash text NOT NULL CHECK (subject_hash ~ '^[0-9a-f]{64}$'),
        subject_masked text NOT NULL,
        queried_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        previous_hash text NOT NULL CHECK (previous_hash ~ '^[0-9a-f]{64}$'),
        record_hash text NOT NULL CHECK (record_hash ~ '^[0-9a-f]{64}$'),
        UNIQUE (city_id, sequence)
      )`,
      `CREATE INDEX query_record_city_account_time_idx ON query_log.query_record (city_id, account_id, queried_at DESC)`,
      `CREATE INDEX query_record_city_time_idx ON query_log.query_record (city_id, queried_at DESC)`,
      // Append-only: no UPDATE or DELETE privilege for the application, and a trigger refuses them for everyone.
      `CREATE FUNCTION query_log.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'query records are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
       END $$`,
      `CREATE TRIGGER query_record_append_only BEFORE UPDATE OR DELETE ON query_log.query_record FOR EACH ROW EXECUTE FUNCTION query_log.refuse_change()`,
      `CREATE TRIGGER query_record_no_truncate BEFORE TRUNCATE ON query_log.query_record FOR EACH STATEMENT EXECUTE FUNCTION query_log.refuse_change()`,
      ...cityIsolationSql('query_log.query_record'),
      ...schemaUsageSql('query_log', ROLE),
      `GRANT SELECT, INSERT ON query_log.query_record TO ${ROLE}`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS query_log.query_record');
    await db.query('DROP FUNCTION IF EXISTS query_log.refuse_change()');
  }
}
