import { crossCityReadSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const OF_ITEM = `split_part(item_key, ':', 1)`;

/**
 * Issue 9: `grantCounts` for a central agency, across the cities of its reach. A grant is of the
 * service of its item (`<service>:<code>:<lookup key>`). SELECT-only policies on the session's
 * explicit cities (`app.city_ids`) and service (`app.service`), never "all": a cross-city session
 * sees the agency and user grants of its service in its cities and can change none of them (no
 * INSERT/UPDATE policy matches a session without `app.city_id`).
 */
export class BureauGrantCounts1797200000000 implements MigrationInterface {
  name = 'BureauGrantCounts1797200000000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      ...crossCityReadSql('permissions.agency_grant', OF_ITEM),
      ...crossCityReadSql('permissions.user_grant', OF_ITEM),
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP POLICY IF EXISTS cross_city_read ON permissions.user_grant');
    await db.query('DROP POLICY IF EXISTS cross_city_read ON permissions.agency_grant');
  }
}
