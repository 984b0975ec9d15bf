import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 7: the anomaly rule `unregistered-bureau-query` (queries in the bureau's records with no register
 * entry) joins the rule ids `finding_rule_id_known` admits. NOT VALID as before: rows written before
 * FindingAndAuditChecks1797300000000 are kept as written.
 */
export class UnregisteredBureauQueryRule1797500000000 implements MigrationInterface {
  name = 'UnregisteredBureauQueryRule1797500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE audit.finding DROP CONSTRAINT finding_rule_id_known');
    await db.query(`ALTER TABLE audit.finding ADD CONSTRAINT finding_rule_id_known
      CHECK (rule_id IN ('outside-office-hours', 'bulk-queries', 'volume-above-baseline', 'subject-many-users', 'unregistered-bureau-query')) NOT VALID`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE audit.finding DROP CONSTRAINT finding_rule_id_known');
    await db.query(`ALTER TABLE audit.finding ADD CONSTRAINT finding_rule_id_known
      CHECK (rule_id IN ('outside-office-hours', 'bulk-queries', 'volume-above-baseline', 'subject-many-users')) NOT VALID`);
  }
}
