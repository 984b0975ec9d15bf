import { installMutationTrail } from '@custos/federation';
import { cityIsolationSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail of every change to permissions's city tables: permissions.mutation_trail (append-only, per
 * city) and a trigger on each city table recording who, when, from where, which operation, and the row
 * before and after (see packages/federation/src/mutation-trail.ts). Readable by the audit subgraph.
 * Not trailed: the outbox is delivery plumbing, updated by identity's consumer under its own role; the change it
 * carries is trailed where it is made (the application here, the account in identity).
 * A city table added later needs its own trigger (`trailTriggerSql`) in its migration.
 */
export class MutationTrail1796500000000 implements MigrationInterface {
  name = 'MutationTrail1796500000000';

  async up(db: QueryRunner): Promise<void> {
    await installMutationTrail(db, {
      schema: 'permissions',
      appRole: 'custos_permissions',
      auditRole: 'custos_audit',
      isolation: cityIsolationSql('permissions.mutation_trail'),
      exclude: ['outbox_event'],
    });
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS permissions.mutation_trail');
    await db.query('DROP FUNCTION IF EXISTS permissions.trail_record_change() CASCADE');
    await db.query('DROP FUNCTION IF EXISTS permissions.trail_refuse_change() CASCADE');
  }
}
