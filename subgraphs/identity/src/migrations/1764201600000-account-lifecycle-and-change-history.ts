import { cityIsolationSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_identity';

/**
 * Account lifecycle (issue 4): national IDs as keyed hash + masked form, who changed an account's
 * status and why, scheduled revocations (a move or departure date), and the append-only change
 * history of identity data.
 */
export class AccountLifecycleAndChangeHistory1764201600000 implements MigrationInterface {
  name = 'AccountLifecycleAndChangeHistory1764201600000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      // The clear national ID is never stored: a per-city keyed hash (HMAC-SHA256) finds duplicates,
      // the masked form (A123****89) is what anyone sees.
      `ALTER TABLE identity.person
         ADD COLUMN national_id_hash text CHECK (national_id_hash ~ '^[0-9a-f]{64}$'),
         ADD COLUMN national_id_masked text CHECK (national_id_masked ~ '^[A-Z][0-9]{3}\\*{4}[0-9]{2}$'),
         ADD COLUMN left_on date,
         ADD CONSTRAINT person_national_id_both CHECK ((national_id_hash IS NULL) = (national_id_masked IS NULL))`,
      `CREATE UNIQUE INDEX person_city_national_id_idx ON identity.person (city_id, national_id_hash) WHERE national_id_hash IS NOT NULL`,
      `ALTER TABLE identity.account
         ADD COLUMN status_reason text,
         ADD COLUMN status_changed_at timestamptz,
         ADD COLUMN revoke_on date,
         ADD COLUMN revoke_on_reason text`,
      // The leaver job looks for accounts whose revocation date has come.
      `CREATE INDEX account_city_revoke_on_idx ON identity.account (city_id, revoke_on) WHERE revoke_on IS NOT NULL AND status <> 'REVOKED'`,
      // Every change to identity data: who (an account, or the system's scheduled job), when, from
      // which client address, why, and the entity before and after. Append-only.
      `CREATE TABLE identity.change_record (
        id uuid PRIMARY KEY,
        position bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        city_id text NOT NULL REFERENCES identity.city(id),
        occurred_at timestamptz NOT NULL,
        actor_kind text NOT NULL CHECK (actor_kind IN ('ACCOUNT', 'SYSTEM')),
        actor_account_id uuid,
        actor_person_id uuid,
        client_address text,
        action text NOT NULL CHECK (action ~ '^[A-Z_]{3,64}$'),
        entity_type text NOT NULL CHECK (entity_type ~ '^[A-Z_]{3,64}$'),
        entity_id uuid NOT NULL,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
        before jsonb,
        after jsonb,
        CHECK ((actor_kind = 'ACCOUNT') = (actor_account_id IS NOT NULL))
      )`,
      `CREATE INDEX change_record_city_position_idx ON identity.change_record (city_id, position DESC)`,
      `CREATE INDEX change_record_city_entity_idx ON identity.change_record (city_id, entity_id, position DESC)`,
      `CREATE FUNCTION identity.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
       END $$`,
      `CREATE TRIGGER change_record_append_only BEFORE UPDATE OR DELETE ON identity.change_record FOR EACH ROW EXECUTE FUNCTION identity.refuse_change()`,
      `CREATE TRIGGER change_record_no_truncate BEFORE TRUNCATE ON identity.change_record FOR EACH STATEMENT EXECUTE FUNCTION identity.refuse_change()`,
      ...cityIsolationSql('identity.change_record'),
      `GRANT SELECT, INSERT ON identity.change_record TO ${ROLE}`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS identity.change_record');
    await db.query('DROP FUNCTION IF EXISTS identity.refuse_change()');
    await db.query('ALTER TABLE identity.account DROP COLUMN IF EXISTS status_reason, DROP COLUMN IF EXISTS status_changed_at, DROP COLUMN IF EXISTS revoke_on, DROP COLUMN IF EXISTS revoke_on_reason');
    await db.query('ALTER TABLE identity.person DROP CONSTRAINT IF EXISTS person_national_id_both, DROP COLUMN IF EXISTS national_id_hash, DROP COLUMN IF EXISTS national_id_masked, DROP COLUMN IF EXISTS left_on');
  }
}
