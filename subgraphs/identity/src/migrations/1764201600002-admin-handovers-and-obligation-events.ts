import { cityIsolationSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_identity';

/**
 * Admin handovers (Changhua 4(三)(四)(八)) and the events that start event-driven obligations
 * (an admin change, a move or departure), kept for the audit calendar to take.
 */
export class AdminHandoversAndObligationEvents1764201600002 implements MigrationInterface {
  name = 'AdminHandoversAndObligationEvents1764201600002';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE identity.admin_handover (
        id uuid PRIMARY KEY,
        city_id text NOT NULL REFERENCES identity.city(id),
        agency_id uuid NOT NULL REFERENCES identity.agency(id),
        outgoing_account_id uuid NOT NULL REFERENCES identity.account(id),
        incoming_account_id uuid NOT NULL REFERENCES identity.account(id),
        roles text[] NOT NULL CHECK (cardinality(roles) > 0),
        move_on date NOT NULL,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
        recorded_at timestamptz NOT NULL,
        recorded_by uuid NOT NULL,
        -- Changhua 4(三): the new admin is active before the old one is stopped.
        incoming_active_at timestamptz NOT NULL,
        outgoing_stopped_at timestamptz,
        handed_over jsonb NOT NULL,
        citation text NOT NULL,
        bureau_notice_obligation_id text,
        bureau_notice_citation text,
        bureau_notice_due_on date,
        bureau_notified_on date,
        bureau_notice_reference text CHECK (bureau_notice_reference IS NULL OR length(bureau_notice_reference) <= 200),
        CHECK (incoming_account_id <> outgoing_account_id),
        CHECK (outgoing_stopped_at IS NULL OR incoming_active_at <= outgoing_stopped_at)
      )`,
      `CREATE INDEX admin_handover_city_recorded_idx ON identity.admin_handover (city_id, recorded_at DESC, id DESC)`,
      ...cityIsolationSql('identity.admin_handover'),
      // A handover is a record: only the bureau notice can be completed later.
      `GRANT SELECT, INSERT ON identity.admin_handover TO ${ROLE}`,
      `GRANT UPDATE (bureau_notified_on, bureau_notice_reference) ON identity.admin_handover TO ${ROLE}`,
      // An outbox for the audit calendar: each row is an event that starts obligations under the
      // rules in force that day (Changhua 4(八): notify the bureau within 7 days of an admin change),
      // with the deadline identity computed from the same rules. The audit subgraph takes the rows
      // not yet delivered and marks them delivered.
      `CREATE TABLE identity.obligation_event (
        id uuid PRIMARY KEY,
        city_id text NOT NULL REFERENCES identity.city(id),
        kind text NOT NULL CHECK (kind IN ('admin-changed', 'staff-moved-or-left')),
        occurred_on date NOT NULL,
        obligation_id text,
        citation text,
        due_on date,
        agency_id uuid REFERENCES identity.agency(id),
        subject_type text NOT NULL CHECK (subject_type IN ('ADMIN_HANDOVER', 'PERSON')),
        subject_id uuid NOT NULL,
        note text CHECK (note IS NULL OR length(note) <= 2000),
        recorded_by uuid,
        recorded_at timestamptz NOT NULL,
        delivered_at timestamptz
      )`,
      `CREATE INDEX obligation_event_city_undelivered_idx ON identity.obligation_event (city_id, recorded_at) WHERE delivered_at IS NULL`,
      ...cityIsolationSql('identity.obligation_event'),
      `GRANT SELECT, INSERT ON identity.obligation_event TO ${ROLE}`,
      `GRANT UPDATE (delivered_at) ON identity.obligation_event TO ${ROLE}`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS identity.obligation_event');
    await db.query('DROP TABLE IF EXISTS identity.admin_handover');
  }
}
