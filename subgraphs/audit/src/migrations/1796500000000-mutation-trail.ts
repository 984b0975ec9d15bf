import { installMutationTrail } from '@custos/federation';
import { cityIsolationSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail of every change to audit's city tables: audit.mutation_trail (append-only, per
 * city) and a trigger on each city table recording who, when, from where, which operation, and the row
 * before and after (see packages/federation/src/mutation-trail.ts). Readable by the audit subgraph.
 * A city table added later needs its own trigger (`trailTriggerSql`) in its migration.
 */
export class MutationTrail1796500000000 implements MigrationInterface {
  name = 'MutationTrail1796500000000';

  async up(db: QueryRunner): Promise<void> {
    await installMutationTrail(db, {
      schema: 'audit',
      appRole: 'custos_audit',
      auditRole: 'custos_audit',
      isolation: cityIsolationSql('audit.mutation_trail'),
      exclude: [],
    });
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS audit.mutation_trail');
    await db.query('DROP FUNCTION IF EXISTS audit.trail_record_change() CASCADE');
    await db.query('DROP FUNCTION IF EXISTS audit.trail_refuse_change() CASCADE');
  }
}
