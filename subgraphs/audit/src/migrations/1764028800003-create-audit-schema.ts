import { cityIsolationSql, schemaUsageSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_audit';

export class CreateAuditSchema1764028800003 implements MigrationInterface {
  name = 'CreateAuditSchema1764028800003';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      // One obligation of the compliance calendar (a monthly register check, a half-year audit...),
      // generated from the city's rule profile; `obligation_id` names the profile's obligation.
      `CREATE TABLE audit.compliance_task (
        id uuid PRIMARY KEY,
        city_id text NOT NULL,
        obligation_id text NOT NULL,
        title text NOT NULL,
        citation text NOT NULL,
        owner_role text NOT NULL,
        agency_id uuid,
        period_start date NOT NULL,
        due_on date NOT NULL,
        completed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (city_id, obligation_id, agency_id, period_start)
      )`,
      `CREATE INDEX compliance_task_city_due_idx ON audit.compliance_task (city_id, due_on)`,
      ...cityIsolationSql('audit.compliance_task'),
      ...schemaUsageSql('audit', ROLE),
      `GRANT SELECT, INSERT, UPDATE (completed_at) ON audit.compliance_task TO ${ROLE}`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS audit.compliance_task');
  }
}
