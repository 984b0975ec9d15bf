import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A covering index for the audit's sample draws. A draw reads an agency's register for a period through
 * `query_log.sampling_population` (city, agency, time range) and needs only the record's id, unit and item
 * (for its strata and its seeded draw key): with those INCLUDEd, PostgreSQL answers from the index alone
 * (an index-only scan over the append-only table, whose pages stay all-visible once vacuumed) instead of
 * visiting every row of the period.
 */
export class SamplingCoveringIndex1764115200006 implements MigrationInterface {
  name = 'SamplingCoveringIndex1764115200006';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX query_record_sampling_idx ON query_log.query_record (city_id, agency_id, queried_at) INCLUDE (unit_id, item_key, id)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX IF EXISTS query_log.query_record_sampling_idx');
  }
}
