import { CURRENT_CITY_IDS_SQL } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const IN_REACH = `city_id = ANY (${CURRENT_CITY_IDS_SQL})`;

/**
 * A bureau deciding an application (Taoyuan 6(二), 附表三) needs the business item and legal basis it
 * is filed under. In a cross-city session (`app.city_ids` + `app.service`), SELECT-only: the business
 * items and legal bases that an application the bureau may read names — the subqueries run under
 * `bureau_reads_its_chains`, so only applications of its service, in its cities, with a bureau step.
 * Nothing else of a city's register; no write.
 */
export class BureauApplicationDetails1797300000000 implements MigrationInterface {
  name = 'BureauApplicationDetails1797300000000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE POLICY bureau_reads_applied_business_items ON permissions.business_item FOR SELECT
         USING (${IN_REACH} AND (city_id, id) IN (SELECT a.city_id, a.business_item_id FROM permissions.application a WHERE a.business_item_id IS NOT NULL))`,
      `CREATE POLICY bureau_reads_applied_legal_bases ON permissions.legal_basis FOR SELECT
         USING (${IN_REACH} AND (city_id, id) IN (
           SELECT a.city_id, a.legal_basis_id FROM permissions.application a WHERE a.legal_basis_id IS NOT NULL
           UNION ALL
           SELECT a.city_id, (a.proposed_business_item ->> 'legalBasisId')::uuid FROM permissions.application a WHERE a.proposed_business_item ->> 'legalBasisId' IS NOT NULL
           UNION ALL
           SELECT b.city_id, b.legal_basis_id FROM permissions.business_item b))`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP POLICY IF EXISTS bureau_reads_applied_legal_bases ON permissions.legal_basis');
    await db.query('DROP POLICY IF EXISTS bureau_reads_applied_business_items ON permissions.business_item');
  }
}
