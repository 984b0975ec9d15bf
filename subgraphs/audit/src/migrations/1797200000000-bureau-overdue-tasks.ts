import { CURRENT_CITY_IDS_SQL, CURRENT_SERVICE_SQL } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9: `overdueTaskCounts` for a central agency, across the cities of its reach. Which tasks are
 * a service's: a compliance task carries the `service` whose rules set the obligation (the calendar
 * and the event tasks are generated per service profile; a bureau's request task is of the bureau's
 * service). A task whose service is unknown (NULL) is no bureau's: no policy matches it.
 *
 * The SELECT-only policy admits the open (not completed) tasks of the session's explicit cities
 * (`app.city_ids`) and service (`app.service`) — never "all". Open tasks carry no completion (who
 * completed, the note), so a bureau's session never sees those; an overdue task is an open one. The
 * bureau's request tasks stay visible whatever their state (policy bureau_reads_request_task).
 */
export class BureauOverdueTasks1797200000000 implements MigrationInterface {
  name = 'BureauOverdueTasks1797200000000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE POLICY bureau_reads_open_tasks ON audit.compliance_task FOR SELECT
         USING (city_id = ANY (${CURRENT_CITY_IDS_SQL}) AND service = ${CURRENT_SERVICE_SQL} AND completed_at IS NULL)`,
      `CREATE INDEX compliance_task_city_service_open_due_idx ON audit.compliance_task (city_id, service, due_on) WHERE completed_at IS NULL`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX IF EXISTS audit.compliance_task_city_service_open_due_idx');
    await db.query('DROP POLICY IF EXISTS bureau_reads_open_tasks ON audit.compliance_task');
  }
}
