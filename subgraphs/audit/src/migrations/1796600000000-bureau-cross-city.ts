import { trailTriggerSql } from '@custos/federation';
import { CITY_IDS, rules } from '@custos/rules';
import { CURRENT_CITY_IDS_SQL, CURRENT_CITY_SQL, CURRENT_SERVICE_SQL, crossCityReadLogSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_audit';
const IN_REACH = `city_id = ANY (${CURRENT_CITY_IDS_SQL})`;
const OF_SERVICE = `service = ${CURRENT_SERVICE_SQL}`;

/**
 * Issue 9 in the audit subgraph: the central agencies read the cities' audits and findings of their
 * own service, and ask a city to audit (a bureau audit request).
 *
 * - A finding gets the `service` whose rules raised it (the anomaly scan runs under one service's
 *   rules; back-filled here from the rule version named on each finding, one city at a time so the
 *   city policies apply). A finding whose service is unknown stays NULL and no bureau ever sees it.
 * - SELECT-only cross-city policies (the session's `app.city_ids` and `app.service`, never "all"):
 *   audits by their service, sampled records by their item's service and their audit, the review
 *   rows (judgments, checklist, signatures) of the audits visible, findings by their service.
 * - audit.cross_city_read: the append-only log of those reads, like query_log.cross_city_read.
 * - audit.bureau_audit_request: a bureau's request that a city audit a period (and agency) for the
 *   bureau's service. A cross-city session may insert one (its cities, its service) and the city's
 *   compliance task it opens for the city's auditors — nothing else in a city.
 */
export class BureauCrossCity1796600000000 implements MigrationInterface {
  name = 'BureauCrossCity1796600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE audit.finding ADD COLUMN service text CHECK (service IS NULL OR service IN ('labor-insurance', 'health-insurance'))`);
    for (const cityId of CITY_IDS) {
      for (const profile of rules.profilesFor(cityId)) {
        await db.query(`SELECT set_config('app.city_id', $1, true)`, [cityId]);
        await db.query(`UPDATE audit.finding SET service = $2 WHERE city_id = $1 AND service IS NULL AND rule_version_id = ANY ($3::text[])`, [
          cityId,
          profile.service,
          profile.versions.map((version) => version.id),
        ]);
      }
    }
    await db.query(`SELECT set_config('app.city_id', '', true)`);

    const statements = [
      `CREATE INDEX finding_city_service_detected_idx ON audit.finding (city_id, service, detected_at DESC, id DESC)`,
      `CREATE INDEX audit_city_service_period_idx ON audit.audit (city_id, service, period_start DESC, drawn_at DESC, id DESC)`,
      `CREATE POLICY cross_city_read ON audit.audit FOR SELECT USING (${IN_REACH} AND ${OF_SERVICE})`,
      `CREATE POLICY cross_city_read ON audit.audit_sample FOR SELECT
         USING (${IN_REACH} AND split_part(item_key, ':', 1) = ${CURRENT_SERVICE_SQL} AND audit_id IN (SELECT a.id FROM audit.audit a))`,
      ...['sample_judgment', 'checklist_result', 'audit_signoff'].map(
        (table) => `CREATE POLICY cross_city_read ON audit.${table} FOR SELECT USING (${IN_REACH} AND audit_id IN (SELECT a.id FROM audit.audit a))`,
      ),
      `CREATE POLICY cross_city_read ON audit.finding FOR SELECT USING (${IN_REACH} AND ${OF_SERVICE})`,

      ...crossCityReadLogSql('audit', ROLE),

      `CREATE TABLE audit.bureau_audit_request (
        id uuid PRIMARY KEY,
        city_id text NOT NULL,
        service text NOT NULL CHECK (service IN ('labor-insurance', 'health-insurance')),
        requester_city_id text NOT NULL CHECK (requester_city_id <> city_id),
        requested_by uuid NOT NULL,
        requested_by_agency_id uuid NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL CHECK (period_end >= period_start),
        agency_id uuid,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        due_on date NOT NULL,
        requested_at timestamptz NOT NULL
      )`,
      `CREATE INDEX bureau_audit_request_city_time_idx ON audit.bureau_audit_request (city_id, requested_at DESC, id DESC)`,
      `ALTER TABLE audit.bureau_audit_request ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE audit.bureau_audit_request FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY city_reads_own ON audit.bureau_audit_request FOR SELECT USING (city_id = ${CURRENT_CITY_SQL})`,
      `CREATE POLICY bureau_reads ON audit.bureau_audit_request FOR SELECT USING (${IN_REACH} AND ${OF_SERVICE})`,
      `CREATE POLICY bureau_requests ON audit.bureau_audit_request FOR INSERT WITH CHECK (${IN_REACH} AND ${OF_SERVICE})`,
      `CREATE TRIGGER bureau_audit_request_append_only BEFORE UPDATE OR DELETE ON audit.bureau_audit_request FOR EACH ROW EXECUTE FUNCTION audit.refuse_read_log_change()`,
      `GRANT SELECT, INSERT ON audit.bureau_audit_request TO ${ROLE}`,
      trailTriggerSql('audit', 'bureau_audit_request'),

      // The city's task for its auditors. A request's task is not a calendar task: the calendar's
      // one-task-per-obligation-and-period key leaves it out.
      `ALTER TABLE audit.compliance_task ADD COLUMN bureau_request_id uuid REFERENCES audit.bureau_audit_request (id)`,
      `DROP INDEX audit.compliance_task_city_calendar_key`,
      `CREATE UNIQUE INDEX compliance_task_city_calendar_key ON audit.compliance_task (city_id, obligation_id, period_start)
         WHERE agency_id IS NULL AND event_id IS NULL AND bureau_request_id IS NULL`,
      `CREATE UNIQUE INDEX compliance_task_bureau_request_key ON audit.compliance_task (city_id, bureau_request_id) WHERE bureau_request_id IS NOT NULL`,
      `CREATE POLICY bureau_request_task ON audit.compliance_task FOR INSERT
         WITH CHECK (${IN_REACH} AND ${OF_SERVICE} AND bureau_request_id IS NOT NULL AND owner_role = 'AUDITOR' AND completed_at IS NULL AND agency_id IS NULL)`,
      `CREATE POLICY bureau_reads_request_task ON audit.compliance_task FOR SELECT USING (${IN_REACH} AND ${OF_SERVICE} AND bureau_request_id IS NOT NULL)`,
      // The trail rows of those two inserts (written by trigger in the same transaction).
      `CREATE POLICY bureau_decision_trail ON audit.mutation_trail FOR INSERT WITH CHECK (${IN_REACH})`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP POLICY IF EXISTS bureau_decision_trail ON audit.mutation_trail');
    await db.query('DROP POLICY IF EXISTS bureau_reads_request_task ON audit.compliance_task');
    await db.query('DROP POLICY IF EXISTS bureau_request_task ON audit.compliance_task');
    await db.query('DROP INDEX IF EXISTS audit.compliance_task_bureau_request_key');
    await db.query('DROP INDEX IF EXISTS audit.compliance_task_city_calendar_key');
    await db.query(`CREATE UNIQUE INDEX compliance_task_city_calendar_key ON audit.compliance_task (city_id, obligation_id, period_start) WHERE agency_id IS NULL AND event_id IS NULL`);
    await db.query('ALTER TABLE audit.compliance_task DROP COLUMN IF EXISTS bureau_request_id');
    await db.query('DROP TABLE IF EXISTS audit.bureau_audit_request');
    await db.query('DROP TABLE IF EXISTS audit.cross_city_read');
    await db.query('DROP FUNCTION IF EXISTS audit.refuse_read_log_change()');
    for (const table of ['audit', 'audit_sample', 'sample_judgment', 'checklist_result', 'audit_signoff', 'finding']) {
      await db.query(`DROP POLICY IF EXISTS cross_city_read ON audit.${table}`);
    }
    await db.query('DROP INDEX IF EXISTS audit.audit_city_service_period_idx');
    await db.query('DROP INDEX IF EXISTS audit.finding_city_service_detected_idx');
    await db.query('ALTER TABLE audit.finding DROP COLUMN IF EXISTS service');
  }
}
