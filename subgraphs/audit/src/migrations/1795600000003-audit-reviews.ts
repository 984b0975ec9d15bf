import { cityIsolationSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_audit';

/**
 * Reviewing an audit: each sampled record judged on each criterion, each checklist item of the city
 * (Tainan 附件四) answered 符合/不符 with notes, and the sign-off chain (auditor → unit head → agency head).
 */
export class AuditReviews1795600000003 implements MigrationInterface {
  name = 'AuditReviews1795600000003';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE audit.sample_judgment (
        audit_id uuid NOT NULL,
        city_id text NOT NULL,
        position integer NOT NULL,
        criterion text NOT NULL CHECK (criterion IN ('legitimate-purpose', 'within-business-item', 'register-complete', 'pre-approval-present', 'printout-handled')),
        result text NOT NULL CHECK (result IN ('conforms', 'nonconforming', 'not-applicable')),
        note text CHECK (note IS NULL OR length(note) <= 2000),
        judged_by uuid NOT NULL,
        judged_at timestamptz NOT NULL,
        PRIMARY KEY (audit_id, position, criterion),
        FOREIGN KEY (audit_id, position) REFERENCES audit.audit_sample (audit_id, position)
      )`,
      `CREATE INDEX sample_judgment_city_audit_idx ON audit.sample_judgment (city_id, audit_id, position)`,
      ...cityIsolationSql('audit.sample_judgment'),
      `GRANT SELECT, INSERT, UPDATE (result, note, judged_by, judged_at) ON audit.sample_judgment TO ${ROLE}`,

      `CREATE TABLE audit.checklist_result (
        audit_id uuid NOT NULL REFERENCES audit.audit (id),
        city_id text NOT NULL,
        item_id text NOT NULL,
        result text NOT NULL CHECK (result IN ('conforms', 'nonconforming')),
        note text CHECK (note IS NULL OR length(note) <= 2000),
        recorded_by uuid NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (audit_id, item_id)
      )`,
      `CREATE INDEX checklist_result_city_audit_idx ON audit.checklist_result (city_id, audit_id)`,
      ...cityIsolationSql('audit.checklist_result'),
      `GRANT SELECT, INSERT, UPDATE (result, note, recorded_by, recorded_at) ON audit.checklist_result TO ${ROLE}`,

      // 附件四: 上次稽核結果 (how the previous audit's findings were followed up) and 稽核結果及建議.
      `ALTER TABLE audit.audit
         ADD COLUMN previous_result_note text CHECK (previous_result_note IS NULL OR length(previous_result_note) <= 4000),
         ADD COLUMN recommendations text CHECK (recommendations IS NULL OR length(recommendations) <= 4000)`,
      `GRANT UPDATE (previous_result_note, recommendations) ON audit.audit TO ${ROLE}`,

      // Signatures in order; one per step and one per person (nobody signs twice). Never changed.
      `CREATE TABLE audit.audit_signoff (
        audit_id uuid NOT NULL REFERENCES audit.audit (id),
        city_id text NOT NULL,
        step integer NOT NULL CHECK (step > 0),
        role text NOT NULL,
        account_id uuid NOT NULL,
        agency_id uuid NOT NULL,
        note text CHECK (note IS NULL OR length(note) <= 2000),
        signed_at timestamptz NOT NULL,
        PRIMARY KEY (audit_id, step),
        UNIQUE (audit_id, account_id)
      )`,
      `CREATE INDEX audit_signoff_city_audit_idx ON audit.audit_signoff (city_id, audit_id)`,
      ...cityIsolationSql('audit.audit_signoff'),
      `GRANT SELECT, INSERT ON audit.audit_signoff TO ${ROLE}`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS audit.audit_signoff');
    await db.query('ALTER TABLE audit.audit DROP COLUMN IF EXISTS previous_result_note, DROP COLUMN IF EXISTS recommendations');
    await db.query('DROP TABLE IF EXISTS audit.checklist_result');
    await db.query('DROP TABLE IF EXISTS audit.sample_judgment');
  }
}
