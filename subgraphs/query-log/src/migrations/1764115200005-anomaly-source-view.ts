import { CURRENT_CITY_SQL } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const AUDIT_ROLE = 'custos_audit';

/**
 * `query_log.anomaly_source`, asked for by the audit subgraph's anomaly rules: the sampling columns
 * plus `subject_key`, a pseudonym of the person queried, stable within a city, so a rule can see one
 * person looked up by many officials. It is SHA-256 over the register's subject hash, which is itself
 * an HMAC under the city's secret (held by the query-log service only): without that secret nobody can
 * go from an ID to its key, and the key does not reveal the register's own hash.
 *
 * Unlike sampling_population this view runs with its owner's rights (security_invoker off), because
 * the audit role must not be able to read `subject_hash` itself; so it applies the city confinement
 * explicitly, with the same fail-closed setting as the row-level policies.
 */
export class AnomalySourceView1764115200005 implements MigrationInterface {
  name = 'AnomalySourceView1764115200005';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE VIEW query_log.anomaly_source WITH (security_barrier = true) AS
         SELECT id, city_id, queried_at, account_id, agency_id, unit_id, item_key, sequence,
                encode(sha256(convert_to('audit:' || subject_hash, 'UTF8')), 'hex') AS subject_key
           FROM query_log.query_record
          WHERE city_id = ${CURRENT_CITY_SQL}`,
    );
    await db.query(`GRANT SELECT ON query_log.anomaly_source TO ${AUDIT_ROLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP VIEW IF EXISTS query_log.anomaly_source');
  }
}
