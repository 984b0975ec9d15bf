import { agencyDirectorySql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10: the subgraphs that name agencies by id (permissions' office networks, query-log's bureau
 * imports and reconciliations, audit's samples) refuse an agency that is not of the caller's city. They
 * read identity's agencies through `identity.city_agency` (ids and cities only), a security_invoker
 * view, so `identity.agency`'s row-level security shows each request its own city's agencies only.
 * See packages/tenancy/src/agency-directory.ts.
 */
export class AgencyDirectory1797100000001 implements MigrationInterface {
  name = 'AgencyDirectory1797100000001';

  async up(db: QueryRunner): Promise<void> {
    for (const sql of agencyDirectorySql()) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP VIEW IF EXISTS identity.city_agency');
    await db.query('REVOKE SELECT (id, city_id) ON identity.agency FROM custos_permissions, custos_query_log, custos_audit');
  }
}
