import type { MigrationInterface, QueryRunner } from 'typeorm';

const CATEGORIES = `('social', 'police', 'traffic', 'health', 'other')`;

/**
 * Issue 9: the purpose category (社政, 警政, 交通, 衛生, 其他; Tainan 2) of a query request, stated
 * with its purpose, and a copy on each record recorded under it, so `queryCounts` groups by it in
 * one GROUP BY (and a bureau's cross-city session sees it under the register's own policies).
 * The copy is outside the record's hash (hash version 1): it is derived from the append-only
 * request, which holds the category as stated. Existing rows have none (null: not stated).
 */
export class PurposeCategory1796600000000 implements MigrationInterface {
  name = 'PurposeCategory1796600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE query_log.query_request ADD COLUMN purpose_category text CHECK (purpose_category IS NULL OR purpose_category IN ${CATEGORIES})`);
    await db.query(`ALTER TABLE query_log.query_record ADD COLUMN purpose_category text CHECK (purpose_category IS NULL OR purpose_category IN ${CATEGORIES})`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE query_log.query_record DROP COLUMN IF EXISTS purpose_category');
    await db.query('ALTER TABLE query_log.query_request DROP COLUMN IF EXISTS purpose_category');
  }
}
