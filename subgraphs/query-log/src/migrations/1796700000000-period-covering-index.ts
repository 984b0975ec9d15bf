import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A city-wide audit draws its sample from every agency's register of a period (Changhua: half a year;
 * Tainan: a month) and needs the record's id, agency, unit and item only; the reports count by the same
 * columns plus the purpose category. The period index of the reports (city, time) INCLUDEd everything
 * but the id and the category, so a city-wide draw visited every row of the period in the table; with
 * them INCLUDEd, both are answered from the index alone. It replaces that index (same keys, one more
 * column each), so writers keep the same number of indexes to maintain.
 */
export class PeriodCoveringIndex1796700000000 implements MigrationInterface {
  name = 'PeriodCoveringIndex1796700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX query_record_period_cover_idx ON query_log.query_record (city_id, queried_at) INCLUDE (id, agency_id, unit_id, item_key, purpose_category)`,
    );
    await db.query('DROP INDEX IF EXISTS query_log.query_record_report_idx');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX query_record_report_idx ON query_log.query_record (city_id, queried_at) INCLUDE (agency_id, unit_id, item_key)`);
    await db.query('DROP INDEX IF EXISTS query_log.query_record_period_cover_idx');
  }
}
