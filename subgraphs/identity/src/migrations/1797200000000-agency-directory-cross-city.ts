import { agencyDirectoryCrossCitySql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9: a bureau's audit request may name an agency of the city it asks (audit's
 * `requestBureauAudit`). It runs in a cross-city session on that one city, where the directory's
 * one-city policy shows nothing, so the agency could only be checked for format. This SELECT-only
 * policy, for the directory's readers (column grant: id and city only), shows the agencies of the
 * session's explicit cities — never "all", nothing without a service. See
 * packages/tenancy/src/agency-directory.ts.
 */
export class AgencyDirectoryCrossCity1797200000000 implements MigrationInterface {
  name = 'AgencyDirectoryCrossCity1797200000000';

  async up(db: QueryRunner): Promise<void> {
    for (const sql of agencyDirectoryCrossCitySql()) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP POLICY IF EXISTS directory_cross_city ON identity.agency');
  }
}
