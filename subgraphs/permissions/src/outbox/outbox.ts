import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** Topics identity consumes. The payloads are documented where they are built (applications/application.effects.ts). */
export const IDENTITY_GRANT_ROLE_TOPIC = 'identity.account-role.grant';
export const IDENTITY_REVOKE_ROLE_TOPIC = 'identity.account-role.revoke';

/** Records an event in the caller's transaction; a second call with the same dedupe key records nothing. */
export async function enqueueOutboxEvent(manager: EntityManager, cityId: string, event: { topic: string; dedupeKey: string; payload: Record<string, unknown>; at: Date }): Promise<boolean> {
  const inserted: unknown[] = await manager.query(
    `INSERT INTO permissions.outbox_event (id, city_id, topic, dedupe_key, payload, created_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (city_id, dedupe_key) DO NOTHING RETURNING id`,
    [randomUUID(), cityId, event.topic, event.dedupeKey, JSON.stringify(event.payload), event.at],
  );
  return inserted.length > 0;
}
