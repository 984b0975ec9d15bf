import { cityIsolationSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_permissions';
/** Identity consumes the account changes that approved applications ask for (see outbox_event). */
const IDENTITY_ROLE = 'custos_identity';

/**
 * The paper forms (附表一/二/三) as workflows: an application, the approval chain it was filed under
 * (a snapshot of the city's rule profile on the day it was filed), and an append-only timeline of
 * every step (who, when, decision, comment). Approved account applications ask identity to change
 * an account through a transactional outbox written in the same transaction as the approval.
 */
export class Applications1795590000001 implements MigrationInterface {
  name = 'Applications1795590000001';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE permissions.application (
        id uuid PRIMARY KEY,
        city_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('agency-admin-account', 'user-account', 'agency-items')),
        operation text NOT NULL CHECK (operation IN ('new', 'change', 'delete', 'add', 'remove')),
        status text NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN')),
        service text NOT NULL,
        rule_version_id text NOT NULL,
        form_kind text,
        form_number text,
        form_title_zh text,
        applicant_account_id uuid NOT NULL,
        applicant_person_id uuid NOT NULL,
        agency_id uuid NOT NULL,
        unit_id uuid,
        agency_kind text NOT NULL,
        agency_parent_id uuid,
        commissioning_agency_id uuid,
        subject_account_id uuid NOT NULL,
        subject_person_id uuid NOT NULL,
        subject_unit_id uuid,
        apply_role text,
        replaces_account_id uuid,
        items_to_add text[] NOT NULL DEFAULT '{}',
        items_to_remove text[] NOT NULL DEFAULT '{}',
        business_item_id uuid,
        proposed_business_item jsonb,
        legal_basis_id uuid,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        personal_data_acknowledged boolean NOT NULL,
        steps jsonb NOT NULL,
        current_step integer NOT NULL CHECK (current_step >= 0),
        awaiting jsonb NOT NULL DEFAULT '[]',
        submitted_at timestamptz NOT NULL,
        decided_at timestamptz,
        applied_at timestamptz,
        UNIQUE (city_id, id)
      )`,
      `CREATE INDEX application_city_status_idx ON permissions.application (city_id, status, submitted_at, id)`,
      `CREATE INDEX application_city_applicant_idx ON permissions.application (city_id, applicant_account_id, submitted_at, id)`,
      // The timeline: one row per event, never changed. A step is decided once (the unique index).
      `CREATE TABLE permissions.application_event (
        id uuid PRIMARY KEY,
        city_id text NOT NULL,
        application_id uuid NOT NULL,
        sequence integer NOT NULL CHECK (sequence >= 0),
        event text NOT NULL CHECK (event IN ('SUBMITTED', 'APPROVED', 'REJECTED', 'WITHDRAWN')),
        step_index integer,
        role text,
        action text,
        actor_account_id uuid NOT NULL,
        actor_person_id uuid NOT NULL,
        actor_agency_id uuid NOT NULL,
        on_behalf_of text,
        comment text CHECK (comment IS NULL OR length(comment) BETWEEN 1 AND 2000),
        acted_at timestamptz NOT NULL,
        UNIQUE (city_id, application_id, sequence),
        FOREIGN KEY (city_id, application_id) REFERENCES permissions.application (city_id, id)
      )`,
      `CREATE UNIQUE INDEX application_event_one_decision_idx ON permissions.application_event (city_id, application_id, step_index) WHERE step_index IS NOT NULL`,
      `CREATE FUNCTION permissions.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION '% rows are append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
       END $$`,
      `CREATE TRIGGER application_event_append_only BEFORE UPDATE OR DELETE ON permissions.application_event FOR EACH ROW EXECUTE FUNCTION permissions.refuse_change()`,
      // Transactional outbox: written in the transaction that approves; consumed by the subgraph that owns the change.
      `CREATE TABLE permissions.outbox_event (
        id uuid PRIMARY KEY,
        city_id text NOT NULL,
        topic text NOT NULL CHECK (topic ~ '^[a-z]+(\\.[a-z-]+)+$'),
        dedupe_key text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        processed_at timestamptz,
        UNIQUE (city_id, dedupe_key)
      )`,
      `CREATE INDEX outbox_event_pending_idx ON permissions.outbox_event (city_id, topic, created_at) WHERE processed_at IS NULL`,
      ...cityIsolationSql('permissions.application'),
      ...cityIsolationSql('permissions.application_event'),
      ...cityIsolationSql('permissions.outbox_event'),
      `GRANT SELECT, INSERT, UPDATE (status, current_step, awaiting, decided_at, applied_at, business_item_id) ON permissions.application TO ${ROLE}`,
      `GRANT SELECT, INSERT ON permissions.application_event TO ${ROLE}`,
      `GRANT SELECT, INSERT ON permissions.outbox_event TO ${ROLE}`,
      // The consumer (identity) claims events with FOR UPDATE SKIP LOCKED under its own city setting, and marks them done.
      `GRANT USAGE ON SCHEMA permissions TO ${IDENTITY_ROLE}`,
      `GRANT SELECT, UPDATE (attempts, last_error, processed_at) ON permissions.outbox_event TO ${IDENTITY_ROLE}`,
      // Consumers may LISTEN instead of polling often: each new event names its city and topic (delivered on commit).
      `CREATE FUNCTION permissions.notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('permissions_outbox', json_build_object('city', NEW.city_id, 'topic', NEW.topic)::text);
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER outbox_event_added AFTER INSERT ON permissions.outbox_event FOR EACH ROW EXECUTE FUNCTION permissions.notify_outbox()`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS permissions.outbox_event');
    await db.query('DROP TABLE IF EXISTS permissions.application_event');
    await db.query('DROP TABLE IF EXISTS permissions.application');
    await db.query('DROP FUNCTION IF EXISTS permissions.refuse_change()');
    await db.query('DROP FUNCTION IF EXISTS permissions.notify_outbox()');
  }
}
