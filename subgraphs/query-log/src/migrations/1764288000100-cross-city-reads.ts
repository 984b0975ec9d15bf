import { cityIsolationSql, crossCityReadSql, CURRENT_CITY_IDS_SQL, CURRENT_CITY_SQL, CURRENT_SERVICE_SQL } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_query_log';

/**
 * Issue 9: reads across cities.
 * - query_record gets a SELECT-only policy for cross-city sessions: the row's city must be in the
 *   session's `app.city_ids` and its service (the first part of the item key) must be `app.service`.
 * - cross_city_read: the append-only log of every cross-city read (who, which city, when, which
 *   operation). A cross-city session may only INSERT rows of its own cities and service; a city's
 *   own session may only read the rows of its city (its top admin lists them).
 * - subject_report: every data-subject report ("who looked at my data") a city's officer produced.
 * - An index for the reporting aggregates (a year of a city in one index-only scan).
 */
export class CrossCityReads1764288000100 implements MigrationInterface {
  name = 'CrossCityReads1764288000100';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      ...crossCityReadSql('query_log.query_record', `split_part(item_key, ':', 1)`),
      `CREATE FUNCTION query_log.refuse_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
       END $$`,
      `CREATE TABLE query_log.cross_city_read (
        id uuid PRIMARY KEY,
        city_id text NOT NULL,
        service text NOT NULL CHECK (service IN ('labor-insurance', 'health-insurance')),
        reader_city_id text NOT NULL,
        reader_account_id uuid NOT NULL,
        reader_agency_id uuid NOT NULL,
        operation text NOT NULL CHECK (length(operation) BETWEEN 1 AND 200),
        row_count integer NOT NULL CHECK (row_count >= 0),
        read_at timestamptz NOT NULL
      )`,
      `CREATE INDEX cross_city_read_city_time_idx ON query_log.cross_city_read (city_id, read_at DESC, id DESC)`,
      `ALTER TABLE query_log.cross_city_read ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE query_log.cross_city_read FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY city_reads_own ON query_log.cross_city_read FOR SELECT USING (city_id = ${CURRENT_CITY_SQL})`,
      `CREATE POLICY cross_city_log ON query_log.cross_city_read FOR INSERT WITH CHECK (city_id = ANY (${CURRENT_CITY_IDS_SQL}) AND service = ${CURRENT_SERVICE_SQL})`,
      `CREATE TRIGGER cross_city_read_append_only BEFORE UPDATE OR DELETE ON query_log.cross_city_read FOR EACH ROW EXECUTE FUNCTION query_log.refuse_log_change()`,
      `CREATE TRIGGER cross_city_read_no_truncate BEFORE TRUNCATE ON query_log.cross_city_read FOR EACH STATEMENT EXECUTE FUNCTION query_log.refuse_log_change()`,
      `GRANT SELECT, INSERT ON query_log.cross_city_read TO ${ROLE}`,
      `CREATE TABLE query_log.subject_report (
        id uuid PRIMARY KEY,
        city_id text NOT NULL,
        produced_by uuid NOT NULL,
        produced_by_agency_id uuid NOT NULL,
        request_reference text NOT NULL CHECK (length(request_reference) BETWEEN 1 AND 100),
        record_count integer NOT NULL CHECK (record_count >= 0),
        produced_at timestamptz NOT NULL
      )`,
      `CREATE INDEX subject_report_city_time_idx ON query_log.subject_report (city_id, produced_at DESC)`,
      ...cityIsolationSql('query_log.subject_report'),
      `CREATE TRIGGER subject_report_append_only BEFORE UPDATE OR DELETE ON query_log.subject_report FOR EACH ROW EXECUTE FUNCTION query_log.refuse_log_change()`,
      `GRANT SELECT, INSERT ON query_log.subject_report TO ${ROLE}`,
      // The reporting aggregates: one index-only scan over a city's year.
      `CREATE INDEX query_record_report_idx ON query_log.query_record (city_id, queried_at) INCLUDE (agency_id, unit_id, item_key)`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX IF EXISTS query_log.query_record_report_idx');
    await db.query('DROP TABLE IF EXISTS query_log.subject_report');
    await db.query('DROP TABLE IF EXISTS query_log.cross_city_read');
    await db.query('DROP FUNCTION IF EXISTS query_log.refuse_log_change()');
    await db.query('DROP POLICY IF EXISTS cross_city_read ON query_log.query_record');
  }
}
