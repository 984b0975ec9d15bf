import { installMutationTrail } from '@custos/federation';
import { cityIsolationSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail of every change to identity's city tables: identity.mutation_trail (append-only, per
 * city) and a trigger on each city table recording who, when, from where, which operation, and the row
 * before and after (see packages/federation/src/mutation-trail.ts). Readable by the audit subgraph.
 * Not trailed: login challenges are anonymous pre-login state.
 * A city table added later needs its own trigger (`trailTriggerSql`) in its migration.
 */
export class MutationTrail1796500000000 implements MigrationInterface {
  name = 'MutationTrail1796500000000';

  async up(db: QueryRunner): Promise<void> {
    await installMutationTrail(db, {
      schema: 'identity',
      appRole: 'custos_identity',
      auditRole: 'custos_audit',
      isolation: cityIsolationSql('identity.mutation_trail'),
      exclude: ['login_challenge'],
    });
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS identity.mutation_trail');
    await db.query('DROP FUNCTION IF EXISTS identity.trail_record_change() CASCADE');
    await db.query('DROP FUNCTION IF EXISTS identity.trail_refuse_change() CASCADE');
  }
}
