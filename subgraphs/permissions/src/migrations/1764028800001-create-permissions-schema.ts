import { cityIsolationSql, schemaUsageSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_permissions';

export class CreatePermissionsSchema1764028800001 implements MigrationInterface {
  name = 'CreatePermissionsSchema1764028800001';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      // A user's grant of one query item (identified by service, code and lookup key: see @custos/rules).
      // Grants are ended, never deleted: the history of who could query what is evidence.
      `CREATE TABLE permissions.user_grant (
        id uuid PRIMARY KEY,
        city_id text NOT NULL,
        account_id uuid NOT NULL,
        item_key text NOT NULL CHECK (item_key ~ '^[a-z-]+:[A-Z0-9]+:[a-z0-9-]+$'),
        granted_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CHECK (revoked_at IS NULL OR revoked_at >= granted_at)
      )`,
      `CREATE INDEX user_grant_city_account_idx ON permissions.user_grant (city_id, account_id)`,
      `CREATE UNIQUE INDEX user_grant_one_open_idx ON permissions.user_grant (city_id, account_id, item_key) WHERE revoked_at IS NULL`,
      ...cityIsolationSql('permissions.user_grant'),
      ...schemaUsageSql('permissions', ROLE),
      `GRANT SELECT, INSERT, UPDATE (revoked_at) ON permissions.user_grant TO ${ROLE}`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS permissions.user_grant');
  }
}
