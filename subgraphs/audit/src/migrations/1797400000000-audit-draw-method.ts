import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 7: audits record the method their sample was drawn by (audits/draw-method.ts), so the faster
 * method can draw new audits while every audit drawn before it is still verified by the method it was
 * drawn with. Audits drawn so far were all drawn by md5-sorted-ids. The column has no default: the
 * code names the method of every new audit. The seed's form depends on the method (the current one
 * takes a 64-bit seed, 16 hex digits).
 */
export class AuditDrawMethod1797400000000 implements MigrationInterface {
  name = 'AuditDrawMethod1797400000000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE audit.audit ADD COLUMN draw_method text NOT NULL DEFAULT 'md5-sorted-ids'
         CONSTRAINT audit_draw_method_check CHECK (draw_method IN ('md5-sorted-ids', 'hash64-register-order'))`,
      `ALTER TABLE audit.audit ALTER COLUMN draw_method DROP DEFAULT`,
      `ALTER TABLE audit.audit DROP CONSTRAINT audit_seed_check`,
      `ALTER TABLE audit.audit ADD CONSTRAINT audit_seed_check CHECK (
         (draw_method = 'md5-sorted-ids' AND seed ~ '^[0-9a-f]{32}$') OR (draw_method = 'hash64-register-order' AND seed ~ '^[0-9a-f]{16}$'))`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE audit.audit DROP CONSTRAINT audit_seed_check');
    await db.query(`ALTER TABLE audit.audit ADD CONSTRAINT audit_seed_check CHECK (seed ~ '^[0-9a-f]{32}$')`);
    await db.query('ALTER TABLE audit.audit DROP COLUMN draw_method');
  }
}
