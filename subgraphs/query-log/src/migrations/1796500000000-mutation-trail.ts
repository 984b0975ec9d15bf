import { installMutationTrail } from '@custos/federation';
import { cityIsolationSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail of every change to query_log's city tables: query_log.mutation_trail (append-only, per
 * city) and a trigger on each city table recording who, when, from where, which operation, and the row
 * before and after (see packages/federation/src/mutation-trail.ts). Readable by the audit subgraph.
 * Not trailed: the register is its own tamper-evident record; bureau records and reconciliation items are bulk copies derived by an import or a run, which are trailed themselves;
 * the cross-city read log is itself an append-only log, written by requests that act in no single city; the monthly
 * roll-up is derived from the register by trigger.
 * A city table added later needs its own trigger (`trailTriggerSql`) in its migration.
 */
export class MutationTrail1796500000000 implements MigrationInterface {
  name = 'MutationTrail1796500000000';

  async up(db: QueryRunner): Promise<void> {
    await installMutationTrail(db, {
      schema: 'query_log',
      appRole: 'custos_query_log',
      auditRole: 'custos_audit',
      isolation: cityIsolationSql('query_log.mutation_trail'),
      exclude: ['query_record', 'bureau_record', 'reconciliation_item', 'cross_city_read', 'query_count_monthly'],
    });
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS query_log.mutation_trail');
    await db.query('DROP FUNCTION IF EXISTS query_log.trail_record_change() CASCADE');
    await db.query('DROP FUNCTION IF EXISTS query_log.trail_refuse_change() CASCADE');
  }
}
