import { createSubgraphDataSource, RequestScope } from '@custos/tenancy';
import { createTestDatabase, type TestDatabase } from '@custos/testkit';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePermissions } from '../migrations';
import { OutboxEventEntity } from './outbox-event.entity';
import { enqueueOutboxEvent, IDENTITY_GRANT_ROLE_TOPIC } from './outbox';

/**
 * The outbox contract identity consumes: events are written in the approving transaction (so a
 * rolled-back approval leaves none), once per dedupe key; a consumer connected as identity's role
 * claims them under its city setting with FOR UPDATE SKIP LOCKED and marks them processed in the
 * same transaction as its own change — so no event is lost or applied twice, even by two workers.
 */
let db: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  db = await createTestDatabase('outbox');
  await migratePermissions(db.ownerUrl);
  dataSource = await createSubgraphDataSource({ url: db.appUrl('permissions'), schema: 'permissions', entities: [OutboxEventEntity] });
});

afterAll(async () => {
  await dataSource?.destroy();
  await db?.drop();
});

async function inScope<T>(outcome: 'commit' | 'rollback', work: (scope: RequestScope) => Promise<T>): Promise<T> {
  const scope = new RequestScope(dataSource);
  try {
    return await work(scope);
  } finally {
    await scope.finish(outcome);
  }
}

async function identityConsumer(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: db.appUrl('identity') });
  await client.connect();
  return client;
}

const CLAIM = `SELECT id, topic, payload FROM permissions.outbox_event
  WHERE city_id = $1 AND processed_at IS NULL AND topic LIKE 'identity.%'
  ORDER BY created_at LIMIT 10 FOR UPDATE SKIP LOCKED`;

describe('the transactional outbox', () => {
  it('records an event once per dedupe key, and none when the transaction rolls back', async () => {
    const event = (key: string) => ({ topic: IDENTITY_GRANT_ROLE_TOPIC, dedupeKey: key, payload: { applicationId: key, accountId: 'a', role: 'CASEWORKER' }, at: new Date() });
    await inScope('commit', async (scope) => {
      const manager = await scope.manager('taoyuan');
      expect(await enqueueOutboxEvent(manager, 'taoyuan', event('application:1:grant-role'))).toBe(true);
      expect(await enqueueOutboxEvent(manager, 'taoyuan', event('application:1:grant-role'))).toBe(false);
    });
    await inScope('rollback', async (scope) => enqueueOutboxEvent(await scope.manager('taoyuan'), 'taoyuan', event('application:2:grant-role')));
    const { rows } = await db.query(`SELECT dedupe_key FROM permissions.outbox_event ORDER BY dedupe_key`);
    expect(rows.map((row) => row.dedupe_key)).toEqual(['application:1:grant-role']);
  });

  it('identity claims each event once under its city, even with two workers, and can change nothing else', async () => {
    const [first, second] = [await identityConsumer(), await identityConsumer()];
    try {
      // Without a city the consumer sees nothing (row-level security).
      expect((await first.query(`SELECT count(*)::int AS n FROM permissions.outbox_event`)).rows[0].n).toBe(0);
      await first.query('BEGIN');
      await first.query(`SELECT set_config('app.city_id', 'taoyuan', true)`);
      const claimed = (await first.query(CLAIM, ['taoyuan'])).rows;
      expect(claimed).toHaveLength(1);
      await second.query('BEGIN');
      await second.query(`SELECT set_config('app.city_id', 'taoyuan', true)`);
      expect((await second.query(CLAIM, ['taoyuan'])).rows).toEqual([]); // locked by the first worker: skipped
      await second.query('COMMIT');
      // ... identity makes its change here, in this same transaction, then:
      await first.query(`UPDATE permissions.outbox_event SET processed_at = now(), attempts = attempts + 1 WHERE id = $1`, [claimed[0].id]);
      await first.query('COMMIT');
      await second.query('BEGIN');
      await second.query(`SELECT set_config('app.city_id', 'taoyuan', true)`);
      expect((await second.query(CLAIM, ['taoyuan'])).rows).toEqual([]);
      await expect(second.query(`UPDATE permissions.outbox_event SET payload = '{}'`)).rejects.toThrow(/permission denied/);
      await second.query('ROLLBACK');
      await expect(second.query(`INSERT INTO permissions.outbox_event (id, city_id, topic, dedupe_key, payload) VALUES (gen_random_uuid(), 'taoyuan', 'identity.x', 'k', '{}')`)).rejects.toThrow(/permission denied/);
      await expect(second.query(`DELETE FROM permissions.outbox_event`)).rejects.toThrow(/permission denied/);
      await expect(second.query(`SELECT 1 FROM permissions.application LIMIT 1`)).rejects.toThrow(/permission denied/);
    } finally {
      await first.end();
      await second.end();
    }
  });
});
