import { cityIsolationSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_identity';

/**
 * The periodic account review (Changhua 6(一), Tainan 4(二)1): the accounts found duplicate, idle,
 * moved, departed or held by vendor staff, and the reviewer's keep-or-revoke decision on each, kept
 * for the rules' retention period. A decision, once made, cannot be changed; a completed review
 * cannot be reopened; neither can be deleted before `retain_until` — not even by the owner.
 */
export class AccountReviews1764201600003 implements MigrationInterface {
  name = 'AccountReviews1764201600003';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE identity.account_review (
        id uuid PRIMARY KEY,
        city_id text NOT NULL REFERENCES identity.city(id),
        -- null: the whole city (a top admin's review); else the agency (and those below it) of an agency admin.
        agency_id uuid REFERENCES identity.agency(id),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
        started_at timestamptz NOT NULL,
        started_by uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('OPEN', 'COMPLETED')),
        completed_at timestamptz,
        completed_by uuid,
        checks text[] NOT NULL,
        checks_citation text NOT NULL,
        idle_days integer NOT NULL CHECK (idle_days > 0),
        idle_citation text NOT NULL,
        retain_until date NOT NULL,
        retention_citation text NOT NULL,
        CHECK ((status = 'COMPLETED') = (completed_at IS NOT NULL))
      )`,
      `CREATE INDEX account_review_city_started_idx ON identity.account_review (city_id, started_at DESC, id DESC)`,
      `CREATE TABLE identity.account_review_row (
        id uuid PRIMARY KEY,
        city_id text NOT NULL REFERENCES identity.city(id),
        review_id uuid NOT NULL REFERENCES identity.account_review(id),
        account_id uuid NOT NULL REFERENCES identity.account(id),
        findings text[] NOT NULL CHECK (cardinality(findings) > 0),
        details jsonb NOT NULL,
        decision text CHECK (decision IN ('KEEP', 'REVOKE')),
        decision_reason text CHECK (decision_reason IS NULL OR length(decision_reason) BETWEEN 1 AND 1000),
        decided_by uuid,
        decided_at timestamptz,
        UNIQUE (review_id, account_id),
        CHECK ((decision IS NULL) = (decided_at IS NULL) AND (decision IS NULL) = (decision_reason IS NULL))
      )`,
      `CREATE INDEX account_review_row_city_review_idx ON identity.account_review_row (city_id, review_id)`,
      `CREATE FUNCTION identity.guard_account_review() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'DELETE' THEN
           IF OLD.retain_until > current_date THEN
             RAISE EXCEPTION 'account review % is kept until %', OLD.id, OLD.retain_until USING ERRCODE = 'insufficient_privilege';
           END IF;
           RETURN OLD;
         END IF;
         IF OLD.status = 'COMPLETED' THEN
           RAISE EXCEPTION 'a completed account review cannot be changed' USING ERRCODE = 'insufficient_privilege';
         END IF;
         RETURN NEW;
       END $$`,
      `CREATE TRIGGER account_review_guard BEFORE UPDATE OR DELETE ON identity.account_review FOR EACH ROW EXECUTE FUNCTION identity.guard_account_review()`,
      `CREATE FUNCTION identity.guard_account_review_row() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE kept_until date;
       BEGIN
         IF TG_OP = 'DELETE' THEN
           SELECT retain_until INTO kept_until FROM identity.account_review WHERE id = OLD.review_id;
           IF kept_until > current_date THEN
             RAISE EXCEPTION 'account review rows are kept until %', kept_until USING ERRCODE = 'insufficient_privilege';
           END IF;
           RETURN OLD;
         END IF;
         IF OLD.decision IS NOT NULL THEN
           RAISE EXCEPTION 'a review decision cannot be changed' USING ERRCODE = 'insufficient_privilege';
         END IF;
         RETURN NEW;
       END $$`,
      `CREATE TRIGGER account_review_row_guard BEFORE UPDATE OR DELETE ON identity.account_review_row FOR EACH ROW EXECUTE FUNCTION identity.guard_account_review_row()`,
      `CREATE TRIGGER account_review_no_truncate BEFORE TRUNCATE ON identity.account_review FOR EACH STATEMENT EXECUTE FUNCTION identity.refuse_change()`,
      `CREATE TRIGGER account_review_row_no_truncate BEFORE TRUNCATE ON identity.account_review_row FOR EACH STATEMENT EXECUTE FUNCTION identity.refuse_change()`,
      ...cityIsolationSql('identity.account_review'),
      ...cityIsolationSql('identity.account_review_row'),
      `GRANT SELECT, INSERT ON identity.account_review, identity.account_review_row TO ${ROLE}`,
      `GRANT UPDATE (status, completed_at, completed_by, retain_until) ON identity.account_review TO ${ROLE}`,
      `GRANT UPDATE (decision, decision_reason, decided_by, decided_at) ON identity.account_review_row TO ${ROLE}`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS identity.account_review_row');
    await db.query('DROP TABLE IF EXISTS identity.account_review');
    await db.query('DROP FUNCTION IF EXISTS identity.guard_account_review_row()');
    await db.query('DROP FUNCTION IF EXISTS identity.guard_account_review()');
  }
}
