import { CURRENT_CITY_IDS_SQL, CURRENT_SERVICE_SQL, crossCityReadLogSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_permissions';
const IN_REACH = `city_id = ANY (${CURRENT_CITY_IDS_SQL})`;
/** The application's current step is the bureau's (勞保局/健保署 審核, e.g. Taoyuan 6(二), 附表三). */
const AT_BUREAU_STEP = `status = 'PENDING' AND (steps -> current_step ->> 'agency') = 'bureau'`;

/**
 * Issue 9: a central agency's officer records the bureau's own decision on an application step
 * whose approver is the bureau — and nothing else in a city. In a cross-city session
 * (`app.city_ids` + `app.service`, never "all"):
 * - an application of the bureau's service is visible when its chain has a bureau step, and
 *   updatable (locked, decided) only while it awaits that step; the update may leave it pending
 *   (next step) or rejected, never approved or applied (the city's own last step does that);
 * - its events are visible, and a BUREAU_OFFICER's decision event may be inserted;
 * - the trail rows of those changes may be inserted (the trail trigger writes them);
 * - permissions.cross_city_read logs the bureau's reads of pending applications.
 */
export class BureauDecisions1796600000000 implements MigrationInterface {
  name = 'BureauDecisions1796600000000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      // Readable: the applications whose chain has a bureau step (an UPDATE's new row must stay readable,
      // so not only those awaiting it); decidable (FOR UPDATE, UPDATE) only while they await it.
      `CREATE POLICY bureau_reads_its_chains ON permissions.application FOR SELECT
         USING (${IN_REACH} AND service = ${CURRENT_SERVICE_SQL} AND steps @> '[{"agency": "bureau"}]'::jsonb)`,
      `CREATE POLICY bureau_decides ON permissions.application FOR UPDATE
         USING (${IN_REACH} AND service = ${CURRENT_SERVICE_SQL} AND ${AT_BUREAU_STEP})
         WITH CHECK (${IN_REACH} AND service = ${CURRENT_SERVICE_SQL} AND status IN ('PENDING', 'REJECTED') AND applied_at IS NULL)`,
      `CREATE POLICY bureau_reads_events ON permissions.application_event FOR SELECT
         USING (${IN_REACH} AND application_id IN (SELECT a.id FROM permissions.application a))`,
      `CREATE POLICY bureau_decision_event ON permissions.application_event FOR INSERT
         WITH CHECK (${IN_REACH} AND role = 'BUREAU_OFFICER' AND event IN ('APPROVED', 'REJECTED') AND on_behalf_of IS NULL
                     AND application_id IN (SELECT a.id FROM permissions.application a))`,
      `CREATE POLICY bureau_decision_trail ON permissions.mutation_trail FOR INSERT WITH CHECK (${IN_REACH})`,
      ...crossCityReadLogSql('permissions', ROLE),
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS permissions.cross_city_read');
    await db.query('DROP FUNCTION IF EXISTS permissions.refuse_read_log_change()');
    await db.query('DROP POLICY IF EXISTS bureau_decision_trail ON permissions.mutation_trail');
    await db.query('DROP POLICY IF EXISTS bureau_decision_event ON permissions.application_event');
    await db.query('DROP POLICY IF EXISTS bureau_reads_events ON permissions.application_event');
    await db.query('DROP POLICY IF EXISTS bureau_decides ON permissions.application');
    await db.query('DROP POLICY IF EXISTS bureau_reads_its_chains ON permissions.application');
  }
}
