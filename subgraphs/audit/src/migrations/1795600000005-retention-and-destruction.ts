import { cityIsolationSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_audit';

/** table → [the kind of record it belongs to, the column naming that record] */
const GUARDED: Record<string, [string, string]> = {
  audit: ['audit', 'id'],
  audit_sample: ['audit', 'audit_id'],
  sample_judgment: ['audit', 'audit_id'],
  checklist_result: ['audit', 'audit_id'],
  audit_signoff: ['audit', 'audit_id'],
  investigation: ['investigation', 'id'],
  investigation_note: ['investigation', 'investigation_id'],
  finding: ['finding', 'id'],
};

/**
 * Destroying the audit subgraph's own records once the city's retention period has passed (Taipei 7(三),
 * Changhua 8(二), Tainan 8 第二項): a log of what was destroyed, when and under which rule, and a trigger
 * that refuses any deletion the log does not document with a retention period already over.
 */
export class RetentionAndDestruction1795600000005 implements MigrationInterface {
  name = 'RetentionAndDestruction1795600000005';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE audit.destruction_log (
        id uuid PRIMARY KEY,
        city_id text NOT NULL,
        record_type text NOT NULL CHECK (record_type IN ('audit', 'investigation', 'finding')),
        record_id uuid NOT NULL,
        record_kind text NOT NULL,
        record_date date NOT NULL,
        retain_until date NOT NULL,
        rule_version_id text NOT NULL,
        citation text NOT NULL,
        minimum_years integer NOT NULL CHECK (minimum_years > 0),
        summary jsonb NOT NULL,
        destroyed_at timestamptz NOT NULL,
        destroyed_by uuid,
        CHECK (retain_until < (destroyed_at AT TIME ZONE 'Asia/Taipei')::date),
        UNIQUE (city_id, record_type, record_id)
      )`,
      `CREATE INDEX destruction_log_city_time_idx ON audit.destruction_log (city_id, destroyed_at DESC)`,
      ...cityIsolationSql('audit.destruction_log'),
      `GRANT SELECT, INSERT ON audit.destruction_log TO ${ROLE}`,
      `CREATE FUNCTION audit.refuse_undocumented_delete() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE
         target_id uuid := (to_jsonb(OLD) ->> TG_ARGV[1])::uuid;
       BEGIN
         IF NOT EXISTS (
           SELECT 1 FROM audit.destruction_log l
            WHERE l.city_id = OLD.city_id AND l.record_type = TG_ARGV[0] AND l.record_id = target_id
              AND l.retain_until < (now() AT TIME ZONE 'Asia/Taipei')::date) THEN
           RAISE EXCEPTION 'audit records are destroyed only under a logged retention rule whose period has passed (% %)', TG_ARGV[0], target_id
             USING ERRCODE = 'insufficient_privilege';
         END IF;
         RETURN OLD;
       END $$`,
    ];
    for (const [table, [recordType, column]] of Object.entries(GUARDED)) {
      statements.push(
        `CREATE TRIGGER ${table}_destruction_only BEFORE DELETE ON audit.${table} FOR EACH ROW EXECUTE FUNCTION audit.refuse_undocumented_delete('${recordType}', '${column}')`,
        `GRANT DELETE ON audit.${table} TO ${ROLE}`,
      );
    }
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of Object.keys(GUARDED)) {
      await db.query(`DROP TRIGGER IF EXISTS ${table}_destruction_only ON audit.${table}`);
      await db.query(`REVOKE DELETE ON audit.${table} FROM ${ROLE}`);
    }
    await db.query('DROP FUNCTION IF EXISTS audit.refuse_undocumented_delete()');
    await db.query('DROP TABLE IF EXISTS audit.destruction_log');
  }
}
