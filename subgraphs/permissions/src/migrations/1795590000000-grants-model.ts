import { cityIsolationSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_permissions';
const ITEM_KEY_CHECK = `~ '^[a-z-]+:[A-Z0-9]+:[a-z0-9-]+$'`;

/**
 * The layers behind every grant (domain brief "Grants are layered"): legal bases, each city's
 * business-item register (Changhua 2 附表一; Tainan 2 by category), the items an agency holds for a
 * registered business item, and the office networks an agency queries from (Taipei 6(三)).
 * Nothing here is deleted: grants and register entries are ended with a date, so the history of who
 * could query what, and why, stays evidence.
 */
export class GrantsModel1795590000000 implements MigrationInterface {
  name = 'GrantsModel1795590000000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      // A law (or, in Changhua 2, a major policy and plan) that allows an agency to use the data.
      `CREATE TABLE permissions.legal_basis (
        id uuid PRIMARY KEY,
        city_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('law', 'major-policy')),
        category text NOT NULL CHECK (category IN ('social', 'police', 'traffic', 'health', 'other')),
        laws_zh text CHECK (laws_zh IS NULL OR length(laws_zh) BETWEEN 1 AND 500),
        purpose_zh text NOT NULL CHECK (length(purpose_zh) BETWEEN 1 AND 500),
        citation text,
        effective_from date NOT NULL,
        repealed_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (city_id, id),
        CHECK (repealed_on IS NULL OR repealed_on >= effective_from)
      )`,
      `CREATE INDEX legal_basis_city_idx ON permissions.legal_basis (city_id, category)`,
      // The business-item register (業務項目清冊): which agency (and which of its units) does what, on which basis, needing which items.
      `CREATE TABLE permissions.business_item (
        id uuid PRIMARY KEY,
        city_id text NOT NULL,
        agency_id uuid NOT NULL,
        unit_ids uuid[] NOT NULL CHECK (cardinality(unit_ids) > 0),
        legal_basis_id uuid NOT NULL,
        name_zh text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 200),
        purpose_zh text NOT NULL CHECK (length(purpose_zh) BETWEEN 1 AND 500),
        item_keys text[] NOT NULL CHECK (cardinality(item_keys) > 0),
        registered_at timestamptz NOT NULL,
        ended_at timestamptz,
        application_id uuid,
        UNIQUE (city_id, id),
        FOREIGN KEY (city_id, legal_basis_id) REFERENCES permissions.legal_basis (city_id, id),
        CHECK (ended_at IS NULL OR ended_at >= registered_at)
      )`,
      `CREATE INDEX business_item_city_agency_idx ON permissions.business_item (city_id, agency_id, registered_at, id)`,
      // An agency holds an item for one registered business item, from a date until revoked.
      `CREATE TABLE permissions.agency_grant (
        id uuid PRIMARY KEY,
        city_id text NOT NULL,
        agency_id uuid NOT NULL,
        item_key text NOT NULL CHECK (item_key ${ITEM_KEY_CHECK}),
        business_item_id uuid NOT NULL,
        granted_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text CHECK (revoked_reason IS NULL OR length(revoked_reason) BETWEEN 1 AND 500),
        application_id uuid,
        UNIQUE (city_id, id),
        FOREIGN KEY (city_id, business_item_id) REFERENCES permissions.business_item (city_id, id),
        CHECK (revoked_at IS NULL OR revoked_at >= granted_at)
      )`,
      `CREATE INDEX agency_grant_city_agency_idx ON permissions.agency_grant (city_id, agency_id, item_key)`,
      `CREATE UNIQUE INDEX agency_grant_one_open_idx ON permissions.agency_grant (city_id, agency_id, item_key, business_item_id) WHERE revoked_at IS NULL`,
      // An approved application changes grants exactly once: one grant per item per application.
      `CREATE UNIQUE INDEX agency_grant_application_idx ON permissions.agency_grant (city_id, application_id, item_key) WHERE application_id IS NOT NULL`,
      // A user's grant now says which agency, unit and business item it serves, and which application made it.
      `ALTER TABLE permissions.user_grant
         ADD COLUMN agency_id uuid,
         ADD COLUMN unit_id uuid,
         ADD COLUMN business_item_id uuid,
         ADD COLUMN application_id uuid,
         ADD COLUMN revoked_reason text CHECK (revoked_reason IS NULL OR length(revoked_reason) BETWEEN 1 AND 500)`,
      `CREATE INDEX user_grant_city_agency_item_idx ON permissions.user_grant (city_id, agency_id, item_key) WHERE revoked_at IS NULL`,
      `CREATE UNIQUE INDEX user_grant_application_idx ON permissions.user_grant (city_id, application_id, account_id, item_key) WHERE application_id IS NOT NULL`,
      // Office networks (辦公場所) an agency's officials query from, where the rules forbid querying elsewhere (Taipei 6(三)).
      `CREATE TABLE permissions.agency_network (
        id uuid PRIMARY KEY,
        city_id text NOT NULL,
        agency_id uuid NOT NULL,
        network cidr NOT NULL,
        label text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
        added_at timestamptz NOT NULL,
        removed_at timestamptz,
        CHECK (removed_at IS NULL OR removed_at >= added_at)
      )`,
      `CREATE INDEX agency_network_city_agency_idx ON permissions.agency_network (city_id, agency_id)`,
      ...cityIsolationSql('permissions.legal_basis'),
      ...cityIsolationSql('permissions.business_item'),
      ...cityIsolationSql('permissions.agency_grant'),
      ...cityIsolationSql('permissions.agency_network'),
      `GRANT SELECT, INSERT, UPDATE (repealed_on) ON permissions.legal_basis TO ${ROLE}`,
      `GRANT SELECT, INSERT, UPDATE (ended_at) ON permissions.business_item TO ${ROLE}`,
      `GRANT SELECT, INSERT, UPDATE (revoked_at, revoked_reason) ON permissions.agency_grant TO ${ROLE}`,
      `GRANT UPDATE (revoked_reason) ON permissions.user_grant TO ${ROLE}`,
      `GRANT SELECT, INSERT, UPDATE (removed_at) ON permissions.agency_network TO ${ROLE}`,
      // Every change to a decision input tells each permissions process to drop what it cached
      // (delivered on commit, so a rolled-back change invalidates nothing).
      `CREATE FUNCTION permissions.notify_decision_inputs_changed() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_TABLE_NAME = 'user_grant' THEN
           PERFORM pg_notify('permissions_decision_inputs', json_build_object('city', NEW.city_id, 'account', NEW.account_id)::text);
         ELSIF TG_TABLE_NAME IN ('agency_grant', 'agency_network') THEN
           PERFORM pg_notify('permissions_decision_inputs', json_build_object('city', NEW.city_id, 'agency', NEW.agency_id)::text);
         ELSE
           PERFORM pg_notify('permissions_decision_inputs', json_build_object('city', NEW.city_id)::text);
         END IF;
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER user_grant_changed AFTER INSERT OR UPDATE ON permissions.user_grant FOR EACH ROW EXECUTE FUNCTION permissions.notify_decision_inputs_changed()`,
      `CREATE TRIGGER agency_grant_changed AFTER INSERT OR UPDATE ON permissions.agency_grant FOR EACH ROW EXECUTE FUNCTION permissions.notify_decision_inputs_changed()`,
      `CREATE TRIGGER agency_network_changed AFTER INSERT OR UPDATE ON permissions.agency_network FOR EACH ROW EXECUTE FUNCTION permissions.notify_decision_inputs_changed()`,
      `CREATE TRIGGER legal_basis_changed AFTER UPDATE ON permissions.legal_basis FOR EACH ROW EXECUTE FUNCTION permissions.notify_decision_inputs_changed()`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TRIGGER IF EXISTS user_grant_changed ON permissions.user_grant');
    await db.query('DROP TABLE IF EXISTS permissions.agency_network');
    await db.query('DROP TABLE IF EXISTS permissions.agency_grant');
    await db.query('DROP TABLE IF EXISTS permissions.business_item');
    await db.query('DROP TABLE IF EXISTS permissions.legal_basis');
    await db.query('DROP FUNCTION IF EXISTS permissions.notify_decision_inputs_changed()');
    await db.query(
      'ALTER TABLE permissions.user_grant DROP COLUMN IF EXISTS agency_id, DROP COLUMN IF EXISTS unit_id, DROP COLUMN IF EXISTS business_item_id, DROP COLUMN IF EXISTS application_id, DROP COLUMN IF EXISTS revoked_reason',
    );
  }
}
