import { agencyNameSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A bureau deciding a city's application (Taoyuan 6(二), 附表三) needs the applying agency's name, which
 * only identity holds. `identity.agency_name` publishes id, city and names to the permissions subgraph
 * (security_invoker: the agency table's row-level security decides which agencies a session sees). See
 * packages/tenancy/src/agency-directory.ts.
 */
export class AgencyNames1797300000000 implements MigrationInterface {
  name = 'AgencyNames1797300000000';

  async up(db: QueryRunner): Promise<void> {
    for (const sql of agencyNameSql()) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP VIEW IF EXISTS identity.agency_name');
    await db.query('REVOKE SELECT (name, name_en) ON identity.agency FROM custos_permissions');
  }
}
