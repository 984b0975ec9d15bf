import { SCHEDULE } from '@custos/platform';
import { describe, expect, it } from 'vitest';
import { gql } from '../support/gateway-client';
import { ownerQuery, platformSecrets } from '../support/platform';
import { createOfficial } from '../permissions/officials';
import { fileRequest, record } from '../query-log/query-log-helpers';

/**
 * The platform's job worker (graphile-worker) runs the subgraphs' periodic jobs on a schedule: the
 * schedule is registered in the queue's schema when the platform starts, and a queued run of a job
 * has its effect in the subgraph's data.
 */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() - started > timeoutMs) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const queue = (task: string) => ownerQuery(`SELECT graphile_worker.add_job($1)`, [task]);


describe('the platform’s job schedule', () => {
  it('registers every scheduled job with the queue', async () => {
    const rows = await ownerQuery<{ identifier: string }>(`SELECT identifier FROM graphile_worker._private_known_crontabs ORDER BY identifier`);
    expect(rows.map((row) => row.identifier)).toEqual(SCHEDULE.map((item) => item.identifier).sort());
    expect(SCHEDULE.map((item) => item.task).sort()).toEqual([
      'audit.destroy-expired', 'audit.generate-calendar', 'audit.scan-anomalies', 'identity.consume-outbox', 'identity.revoke-leavers', 'query-log.write-checkpoints',
    ]);
  });

  it('a run of the leaver job revokes an account whose departure date has come, and its token stops working', async () => {
    const leaver = await createOfficial('taoyuan', 'social', ['CASEWORKER'], { unitKey: 'assistance' });
    const untouched = await createOfficial('taoyuan', 'social', ['CASEWORKER'], { unitKey: 'assistance' });
    await ownerQuery(`UPDATE identity.account SET revoke_on = (now() AT TIME ZONE 'Asia/Taipei')::date - 1, revoke_on_reason = 'left on the last day of the month' WHERE id = $1`, [leaver.accountId]);
    await ownerQuery(`UPDATE identity.account SET revoke_on = (now() AT TIME ZONE 'Asia/Taipei')::date + 30, revoke_on_reason = 'moves next month' WHERE id = $1`, [untouched.accountId]);
    await queue('identity.revoke-leavers');
    const [row] = await eventually(() => ownerQuery(`SELECT status FROM identity.account WHERE id = $1`, [leaver.accountId]), ([found]) => found.status === 'REVOKED');
    expect(row.status).toBe('REVOKED');
    expect((await ownerQuery(`SELECT status FROM identity.account WHERE id = $1`, [untouched.accountId]))[0].status).toBe('ACTIVE');
    const me = await eventually(() => gql(`{ me { id } }`, {}, leaver.token), (result) => !result.data?.me);
    expect(me.data?.me ?? null).toBeNull();
  });

  it('a run of the checkpoint job signs the head of a city’s hash chain with the platform’s checkpoint key', async () => {
    const recorded = await record('taoyuan', await fileRequest('taoyuan', { approve: true }));
    expect(recorded.errors, JSON.stringify(recorded.errors)).toBeUndefined();
    const sequence = Number(recorded.data.recordQuery.sequence);
    const [{ id }] = await ownerQuery<{ id: string }>(`SELECT (graphile_worker.add_job('query-log.write-checkpoints')).id::text AS id`);
    // The run is over when the queue has forgotten the job (done) or noted an error on it (to be retried).
    const run = await eventually(
      () => ownerQuery<{ attempts: number; last_error: string | null }>(`SELECT attempts, last_error FROM graphile_worker.jobs WHERE id = $1`, [id]),
      (rows) => rows.length === 0 || rows[0]!.last_error !== null,
      30_000,
    );
    expect(run, 'the checkpoint job ran without error').toEqual([]);
    const [checkpoint] = await ownerQuery(`SELECT sequence::int, key_id FROM query_log.chain_checkpoint WHERE city_id = 'taoyuan' ORDER BY sequence DESC LIMIT 1`);
    const [head] = await ownerQuery(`SELECT max(sequence)::int AS sequence FROM query_log.query_record WHERE city_id = 'taoyuan'`);
    expect(checkpoint, `taoyuan's head is ${head?.sequence}`).toEqual({ sequence, key_id: (await platformSecrets()).checkpointSigningKey.privateJwk.kid });
  });
});
