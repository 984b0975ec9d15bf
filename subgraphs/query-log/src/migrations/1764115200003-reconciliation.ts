import { cityIsolationSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_query_log';

/**
 * Monthly reconciliation of the register with the bureau's records (Taipei 3, 8(一)2; Taoyuan 4(五)3):
 * a run per agency and month, its count-level result per unit and official, its record-level lists
 * (matched, bureau-only = unregistered queries, register-only), and the unit admins' sign-offs.
 * All append-only: a re-run is a new run; a sign-off is never withdrawn.
 */
export class Reconciliation1764115200003 implements MigrationInterface {
  name = 'Reconciliation1764115200003';

  async up(db: QueryRunner): Promise<void> {
    const tables = ['reconciliation_run', 'reconciliation_group', 'reconciliation_item', 'reconciliation_signoff'];
    const statements = [
      `CREATE TABLE query_log.reconciliation_run (
        id uuid PRIMARY KEY,
        city_id text NOT NULL,
        agency_id uuid NOT NULL,
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        register_count integer NOT NULL,
        bureau_count integer NOT NULL,
        matched_count integer NOT NULL,
        bureau_only_count integer NOT NULL,
        register_only_count integer NOT NULL
      )`,
      `CREATE INDEX reconciliation_run_city_agency_month_idx ON query_log.reconciliation_run (city_id, agency_id, month, created_at DESC)`,
      `CREATE TABLE query_log.reconciliation_group (
        city_id text NOT NULL,
        run_id uuid NOT NULL,
        unit_id uuid,
        account_id uuid,
        user_account text,
        register_count integer NOT NULL,
        bureau_count integer NOT NULL,
        matched_count integer NOT NULL,
        bureau_only_count integer NOT NULL,
        register_only_count integer NOT NULL
      )`,
      `CREATE INDEX reconciliation_group_city_run_idx ON query_log.reconciliation_group (city_id, run_id)`,
      `CREATE TABLE query_log.reconciliation_item (
        city_id text NOT NULL,
        run_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('MATCHED', 'BUREAU_ONLY', 'REGISTER_ONLY')),
        unit_id uuid,
        account_id uuid,
        user_account text,
        register_record_id uuid,
        bureau_record_id text,
        service text NOT NULL,
        item_code text NOT NULL,
        subject_masked text NOT NULL,
        queried_at timestamptz NOT NULL,
        bureau_queried_at timestamptz
      )`,
      `CREATE INDEX reconciliation_item_city_run_kind_idx ON query_log.reconciliation_item (city_id, run_id, kind, queried_at)`,
      `CREATE TABLE query_log.reconciliation_signoff (
        id uuid PRIMARY KEY,
        city_id text NOT NULL,
        run_id uuid NOT NULL REFERENCES query_log.reconciliation_run (id),
        unit_id uuid,
        signed_by uuid NOT NULL,
        signed_at timestamptz NOT NULL,
        note text CHECK (length(note) <= 1000),
        UNIQUE NULLS NOT DISTINCT (run_id, unit_id)
      )`,
      `CREATE INDEX reconciliation_signoff_city_run_idx ON query_log.reconciliation_signoff (city_id, run_id)`,
    ];
    for (const table of tables) {
      statements.push(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON query_log.${table} FOR EACH ROW EXECUTE FUNCTION query_log.refuse_change()`,
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON query_log.${table} FOR EACH STATEMENT EXECUTE FUNCTION query_log.refuse_change()`,
        ...cityIsolationSql(`query_log.${table}`),
        `GRANT SELECT, INSERT ON query_log.${table} TO ${ROLE}`,
      );
    }
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['reconciliation_signoff', 'reconciliation_item', 'reconciliation_group', 'reconciliation_run']) await db.query(`DROP TABLE IF EXISTS query_log.${table}`);
  }
}
