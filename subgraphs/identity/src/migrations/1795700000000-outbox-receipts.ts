import { cityIsolationSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_identity';

/**
 * The idempotency keys of the permissions outbox consumer: one receipt per event identity has
 * handled (applied, found already in place, or refused), written in the same transaction as the
 * change and the event's acknowledgement. An event delivered again finds its receipt and changes
 * nothing. Append-only for the subgraph's role.
 */
export class OutboxReceipts1795700000000 implements MigrationInterface {
  name = 'OutboxReceipts1795700000000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE identity.outbox_receipt (
        city_id text NOT NULL REFERENCES identity.city(id),
        event_id uuid NOT NULL,
        topic text NOT NULL,
        -- The permissions application the change comes from (also unique per topic: one change per application).
        application_id uuid,
        account_id uuid,
        outcome text NOT NULL CHECK (outcome IN ('APPLIED', 'ALREADY_IN_PLACE', 'REFUSED')),
        detail text,
        received_at timestamptz NOT NULL,
        PRIMARY KEY (city_id, event_id)
      )`,
      `CREATE UNIQUE INDEX outbox_receipt_city_application_topic_idx ON identity.outbox_receipt (city_id, application_id, topic) WHERE application_id IS NOT NULL`,
      ...cityIsolationSql('identity.outbox_receipt'),
      `GRANT SELECT, INSERT ON identity.outbox_receipt TO ${ROLE}`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS identity.outbox_receipt');
  }
}
