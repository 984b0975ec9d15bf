import type { MigrationInterface, QueryRunner } from 'typeorm';

const AUDIT_ROLE = 'custos_audit';

/**
 * Read-only views for the audit subgraph, so it can draw samples and follow up unregistered queries
 * in SQL without owning these tables. `security_invoker = true`: the audit role's own privileges and
 * the tables' row-level security apply, so it sees one city at a time (its `app.city_id`) and only
 * the columns granted here — never subject hashes, purposes or case numbers.
 */
export class AuditViews1764115200004 implements MigrationInterface {
  name = 'AuditViews1764115200004';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE VIEW query_log.sampling_population WITH (security_invoker = true) AS
         SELECT id, city_id, queried_at, account_id, agency_id, unit_id, item_key, sequence FROM query_log.query_record`,
      // Queries in the bureau's records that nobody registered (bureau-only items of reconciliation runs).
      `CREATE VIEW query_log.unregistered_query WITH (security_invoker = true) AS
         SELECT i.city_id, i.run_id, r.agency_id, r.month, i.unit_id, i.account_id, i.user_account, i.bureau_record_id, i.service, i.item_code, i.queried_at
           FROM query_log.reconciliation_item i JOIN query_log.reconciliation_run r ON r.id = i.run_id AND r.city_id = i.city_id
          WHERE i.kind = 'BUREAU_ONLY'`,
      `GRANT USAGE ON SCHEMA query_log TO ${AUDIT_ROLE}`,
      `GRANT SELECT ON query_log.sampling_population, query_log.unregistered_query TO ${AUDIT_ROLE}`,
      // With security_invoker the reader needs the underlying columns too: exactly the views' columns.
      `GRANT SELECT (id, city_id, queried_at, account_id, agency_id, unit_id, item_key, sequence) ON query_log.query_record TO ${AUDIT_ROLE}`,
      `GRANT SELECT (city_id, run_id, kind, unit_id, account_id, user_account, bureau_record_id, service, item_code, queried_at) ON query_log.reconciliation_item TO ${AUDIT_ROLE}`,
      `GRANT SELECT (id, city_id, agency_id, month) ON query_log.reconciliation_run TO ${AUDIT_ROLE}`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP VIEW IF EXISTS query_log.unregistered_query');
    await db.query('DROP VIEW IF EXISTS query_log.sampling_population');
    await db.query(`REVOKE ALL ON query_log.query_record, query_log.reconciliation_item, query_log.reconciliation_run FROM ${AUDIT_ROLE}`);
  }
}
