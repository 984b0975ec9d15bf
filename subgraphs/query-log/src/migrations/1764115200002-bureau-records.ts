import { cityIsolationSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_query_log';

/**
 * The bureau's own records of the queries made in its system (downloaded from its 查詢紀錄管理 page,
 * Taipei 8(一)1), imported to be reconciled with the register (Taipei 3, 8(一)2; Taoyuan 4(五)3).
 * The subject is stored like the register's: keyed hash and masked form only. Append-only; the
 * bureau's record id makes a re-import of the same file add nothing.
 */
export class BureauRecords1764115200002 implements MigrationInterface {
  name = 'BureauRecords1764115200002';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE query_log.bureau_record (
        city_id text NOT NULL,
        service text NOT NULL,
        record_id text NOT NULL CHECK (length(record_id) BETWEEN 1 AND 64),
        agency_id uuid NOT NULL,
        account_id uuid,
        unit_id uuid,
        user_account text NOT NULL,
        queried_at timestamptz NOT NULL,
        item_code text NOT NULL,
        subject_kind text NOT NULL CHECK (subject_kind IN ('NATIONAL_ID', 'BUSINESS_NUMBER')),
        subject_hash text NOT NULL,
        subject_masked text NOT NULL,
        import_job_id uuid NOT NULL,
        PRIMARY KEY (city_id, service, record_id)
      )`,
      `CREATE INDEX bureau_record_city_agency_time_idx ON query_log.bureau_record (city_id, agency_id, queried_at)`,
      `CREATE TRIGGER bureau_record_append_only BEFORE UPDATE OR DELETE ON query_log.bureau_record FOR EACH ROW EXECUTE FUNCTION query_log.refuse_change()`,
      `CREATE TRIGGER bureau_record_no_truncate BEFORE TRUNCATE ON query_log.bureau_record FOR EACH STATEMENT EXECUTE FUNCTION query_log.refuse_change()`,
      ...cityIsolationSql('query_log.bureau_record'),
      `GRANT SELECT, INSERT ON query_log.bureau_record TO ${ROLE}`,

      // An import's progress and outcome, polled by the console and the CLI. Operational state, so updatable.
      `CREATE TABLE query_log.bureau_import_job (
        id uuid PRIMARY KEY,
        city_id text NOT NULL,
        agency_id uuid NOT NULL,
        started_by uuid NOT NULL,
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
        file_sha256 text,
        total_bytes bigint,
        status text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
        phase text NOT NULL,
        bytes_read bigint NOT NULL DEFAULT 0,
        rows_read integer NOT NULL DEFAULT 0,
        rows_inserted integer NOT NULL DEFAULT 0,
        rows_duplicate integer NOT NULL DEFAULT 0,
        rows_unknown_account integer NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        finished_at timestamptz
      )`,
      `CREATE INDEX bureau_import_job_city_agency_idx ON query_log.bureau_import_job (city_id, agency_id, created_at DESC)`,
      ...cityIsolationSql('query_log.bureau_import_job'),
      `GRANT SELECT, INSERT, UPDATE ON query_log.bureau_import_job TO ${ROLE}`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS query_log.bureau_import_job');
    await db.query('DROP TABLE IF EXISTS query_log.bureau_record');
  }
}
