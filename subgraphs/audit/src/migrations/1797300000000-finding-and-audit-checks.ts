import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `audit.finding.rule_id` took any text: a made-up rule id (a test's, a faulty job's) went in silently and
 * then failed every list that presents findings, since GraphQL cannot serialise a rule it does not know.
 * `audit.audit.rule_version_id` likewise took any text, even an empty one.
 *
 * The rule ids are the anomaly rules the code defines (ANOMALY_RULE_IDS in anomalies/anomaly-rules.ts),
 * written out because a migration is frozen once committed; finding-and-audit-checks.test.ts fails when the
 * code's rules and this list drift apart (a new rule needs a new migration). A rule version id has the
 * profiles' shape (ruleVersionSchema.id in @custos/rules); whether the profiles know it is checked where
 * audits are written (the draw takes the version from the profiles) and flagged where they are presented.
 * `severity` has been checked since the table was created.
 *
 * NOT VALID: both tables hold append-only evidence and rows written before this migration may break the
 * rules (that is why it exists). They are kept as written, not rewritten or deleted, and the presenters
 * flag them; every row inserted or updated from now on is checked.
 */
export class FindingAndAuditChecks1797300000000 implements MigrationInterface {
  name = 'FindingAndAuditChecks1797300000000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE audit.finding ADD CONSTRAINT finding_rule_id_known
         CHECK (rule_id IN ('outside-office-hours', 'bulk-queries', 'volume-above-baseline', 'subject-many-users')) NOT VALID`,
      `ALTER TABLE audit.audit ADD CONSTRAINT audit_rule_version_id_well_formed
         CHECK (rule_version_id ~ '^[a-z0-9-]+$') NOT VALID`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE audit.audit DROP CONSTRAINT IF EXISTS audit_rule_version_id_well_formed');
    await db.query('ALTER TABLE audit.finding DROP CONSTRAINT IF EXISTS finding_rule_id_known');
  }
}
