import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_identity';

/**
 * Issue 9: the central agencies (勞保局, 健保署) live in a tenant of their own, `central`, as agencies
 * of kind CENTRAL, each naming the WebIR service it runs. Their officers read every city's records
 * of that service (the reach is put in the access token, see bureaus/bureau-reach.ts). API tokens
 * of a central service account can be scoped to a list of cities and one service.
 */
export class BureauReach1764288000000 implements MigrationInterface {
  name = 'BureauReach1764288000000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE identity.agency ADD COLUMN bureau_service text
         CHECK (bureau_service IN ('labor-insurance', 'health-insurance'))`,
      `ALTER TABLE identity.agency ADD CONSTRAINT agency_bureau_service_central CHECK (bureau_service IS NULL OR kind = 'CENTRAL')`,
      `ALTER TABLE identity.api_token ADD COLUMN read_city_ids text[], ADD COLUMN read_service text
         CHECK (read_service IN ('labor-insurance', 'health-insurance'))`,
      `ALTER TABLE identity.api_token ADD CONSTRAINT api_token_read_scope CHECK ((read_city_ids IS NULL) = (read_service IS NULL) AND (read_city_ids IS NULL OR cardinality(read_city_ids) > 0))`,
      `GRANT SELECT ON identity.agency, identity.api_token TO ${ROLE}`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE identity.api_token DROP CONSTRAINT IF EXISTS api_token_read_scope, DROP COLUMN IF EXISTS read_city_ids, DROP COLUMN IF EXISTS read_service');
    await db.query('ALTER TABLE identity.agency DROP CONSTRAINT IF EXISTS agency_bureau_service_central, DROP COLUMN IF EXISTS bureau_service');
  }
}
