import { cityIsolationSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_audit';

/**
 * The compliance calendar as a generated, completable list: what each task covers, under which rule
 * version, who completed it; and the events (an admin change, an anomaly) that start event-driven
 * obligations such as Changhua 4(八)'s 7-day notification of the bureau.
 */
export class ComplianceCalendarEvents1795600000001 implements MigrationInterface {
  name = 'ComplianceCalendarEvents1795600000001';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE audit.obligation_event (
        id uuid PRIMARY KEY,
        city_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('admin-changed', 'staff-moved-or-left', 'misuse-found', 'anomaly-found', 'security-incident')),
        occurred_on date NOT NULL,
        note text CHECK (note IS NULL OR length(note) <= 2000),
        recorded_by uuid,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX obligation_event_city_date_idx ON audit.obligation_event (city_id, occurred_on DESC)`,
      ...cityIsolationSql('audit.obligation_event'),
      `GRANT SELECT, INSERT ON audit.obligation_event TO ${ROLE}`,

      `ALTER TABLE audit.compliance_task
         ADD COLUMN service text,
         ADD COLUMN rule_version_id text,
         ADD COLUMN kind text,
         ADD COLUMN cadence text,
         ADD COLUMN period_end date,
         ADD COLUMN event_id uuid REFERENCES audit.obligation_event (id),
         ADD COLUMN completed_by uuid,
         ADD COLUMN completion_note text CHECK (completion_note IS NULL OR length(completion_note) <= 2000)`,
      // The original UNIQUE (city_id, obligation_id, agency_id, period_start) never matches a city-wide task
      // (agency_id NULL: NULLs are distinct), so generating the calendar twice would duplicate it. These make
      // generation idempotent: one calendar task per obligation and period, one task per obligation and event.
      `CREATE UNIQUE INDEX compliance_task_city_calendar_key ON audit.compliance_task (city_id, obligation_id, period_start)
         WHERE agency_id IS NULL AND event_id IS NULL`,
      `CREATE UNIQUE INDEX compliance_task_event_key ON audit.compliance_task (city_id, event_id, obligation_id) WHERE event_id IS NOT NULL`,
      `CREATE INDEX compliance_task_city_open_due_idx ON audit.compliance_task (city_id, due_on) WHERE completed_at IS NULL`,
      `GRANT UPDATE (completed_at, completed_by, completion_note) ON audit.compliance_task TO ${ROLE}`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX IF EXISTS audit.compliance_task_city_open_due_idx');
    await db.query('DROP INDEX IF EXISTS audit.compliance_task_event_key');
    await db.query('DROP INDEX IF EXISTS audit.compliance_task_city_calendar_key');
    await db.query(`ALTER TABLE audit.compliance_task DROP COLUMN IF EXISTS service, DROP COLUMN IF EXISTS rule_version_id, DROP COLUMN IF EXISTS kind,
      DROP COLUMN IF EXISTS cadence, DROP COLUMN IF EXISTS period_end, DROP COLUMN IF EXISTS event_id, DROP COLUMN IF EXISTS completed_by,
      DROP COLUMN IF EXISTS completion_note`);
    await db.query('DROP TABLE IF EXISTS audit.obligation_event');
  }
}
