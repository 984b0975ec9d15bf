import { CURRENT_CITY_SQL, crossCityReadSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_query_log';

/**
 * Issue 9, speed of the report aggregates: a monthly roll-up of the register by city, agency, unit
 * and item (Taiwan months), kept by a trigger on every recorded query, so a year of a city is ~12 ×
 * agencies × units × items rows instead of millions. The trigger function is SECURITY DEFINER: the
 * application role can read the roll-up (under the same city / cross-city policies as the register)
 * but never write it. Back-filled from the existing register.
 */
export class QueryCountRollup1764288000101 implements MigrationInterface {
  name = 'QueryCountRollup1764288000101';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE query_log.query_count_monthly (
        city_id text NOT NULL,
        month date NOT NULL,
        agency_id uuid NOT NULL,
        unit_id uuid,
        item_key text NOT NULL,
        n bigint NOT NULL CHECK (n > 0)
      )`,
      `CREATE UNIQUE INDEX query_count_monthly_key ON query_log.query_count_monthly (city_id, month, agency_id, unit_id, item_key) NULLS NOT DISTINCT`,
      `ALTER TABLE query_log.query_count_monthly ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE query_log.query_count_monthly FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY city_isolation ON query_log.query_count_monthly FOR SELECT USING (city_id = ${CURRENT_CITY_SQL})`,
      ...crossCityReadSql('query_log.query_count_monthly', `split_part(item_key, ':', 1)`),
      // Only the owner (as whom the SECURITY DEFINER trigger runs) writes it; FORCEd RLS applies to the owner too.
      `DO $$ BEGIN EXECUTE format('CREATE POLICY rollup_writer ON query_log.query_count_monthly FOR ALL TO %I USING (true) WITH CHECK (true)', current_user); END $$`,
      `GRANT SELECT ON query_log.query_count_monthly TO ${ROLE}`,
      `CREATE FUNCTION query_log.count_query_monthly() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
       BEGIN
         INSERT INTO query_log.query_count_monthly (city_id, month, agency_id, unit_id, item_key, n)
         VALUES (NEW.city_id, date_trunc('month', NEW.queried_at AT TIME ZONE 'Asia/Taipei')::date, NEW.agency_id, NEW.unit_id, NEW.item_key, 1)
         ON CONFLICT (city_id, month, agency_id, unit_id, item_key) DO UPDATE SET n = query_log.query_count_monthly.n + 1;
         RETURN NULL;
       END $$`,
      `REVOKE ALL ON FUNCTION query_log.count_query_monthly() FROM PUBLIC`,
      `CREATE TRIGGER query_record_count_monthly AFTER INSERT ON query_log.query_record FOR EACH ROW EXECUTE FUNCTION query_log.count_query_monthly()`,
      `INSERT INTO query_log.query_count_monthly (city_id, month, agency_id, unit_id, item_key, n)
       SELECT city_id, date_trunc('month', queried_at AT TIME ZONE 'Asia/Taipei')::date, agency_id, unit_id, item_key, count(*)
         FROM query_log.query_record GROUP BY 1, 2, 3, 4, 5`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TRIGGER IF EXISTS query_record_count_monthly ON query_log.query_record');
    await db.query('DROP FUNCTION IF EXISTS query_log.count_query_monthly()');
    await db.query('DROP TABLE IF EXISTS query_log.query_count_monthly');
  }
}
