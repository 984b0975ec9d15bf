import { createDemoCertificates, demoAgencyId, demoUsers } from '@custos/demo';
import { migratePermissions } from '@custos/permissions';
import { createTestDatabase, createTestKeys, type TestDatabase } from '@custos/testkit';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentityJobs, type IdentityJobs } from '../jobs/identity-jobs';
import { migrateIdentity } from '../migrations';
import { seedIdentityDemo } from '../seed/demo-seed';
import { GRANT_ROLE_TOPIC, REVOKE_ROLE_TOPIC } from './outbox-event';

/**
 * The permissions outbox as identity consumes it, on a real PostgreSQL with both subgraphs'
 * migrations and identity's own database role: an approved application changes the account exactly
 * once — when the event is delivered twice, when the worker dies between making the change and
 * acknowledging the event, and when two workers race for it.
 */
let db: TestDatabase;
let env: Record<string, string>;
const jobs: IdentityJobs[] = [];

const user = (username: string) => demoUsers.find((candidate) => candidate.username === username)!;

beforeAll(async () => {
  db = await createTestDatabase('outbox_consumer');
  await migrateIdentity(db.ownerUrl);
  await migratePermissions(db.ownerUrl);
  await seedIdentityDemo(db.ownerUrl, { certificateFingerprints: {} });
  const keys = await createTestKeys();
  const certificates = await createDemoCertificates([]);
  env = {
    NODE_ENV: 'test',
    SUBGRAPH_DATABASE_URL: db.appUrl('identity'),
    GATEWAY_PUBLIC_KEY: JSON.stringify(keys.gateway.publicJwk),
    IDENTITY_SIGNING_KEY: JSON.stringify(keys.identity.privateJwk),
    TRUSTED_CA_CERTIFICATES: certificates.caCertificatePem,
  };
});

afterAll(async () => {
  for (const running of jobs) await running.stop();
  await db?.drop();
});

async function identityJobs(options: Parameters<typeof startIdentityJobs>[1] = {}): Promise<IdentityJobs> {
  const running = await startIdentityJobs(env, options);
  jobs.push(running);
  return running;
}

/** What permissions writes in the approving transaction (see permissions' outbox/outbox.ts). */
async function enqueue(cityId: string, topic: string, payload: Record<string, unknown>): Promise<string> {
  const id = randomUUID();
  await db.query(`INSERT INTO permissions.outbox_event (id, city_id, topic, dedupe_key, payload) VALUES ($1, $2, $3, $4, $5)`, [id, cityId, topic, `application:${payload.applicationId}:${topic}`, JSON.stringify(payload)]);
  return id;
}

function grantEvent(username: string, role: string, extra: Record<string, unknown> = {}) {
  const account = user(username);
  return { applicationId: randomUUID(), accountId: account.accountId, personId: account.personId, role, agencyId: demoAgencyId(account.cityId, account.agencyKey), unitId: null, replacesAccountId: null, revokeReplacedRoleAfterGrant: false, ...extra };
}

async function account(accountId: string) {
  return (await db.query(`SELECT roles, status FROM identity.account WHERE id = $1`, [accountId])).rows[0] as { roles: string[]; status: string };
}

async function changes(accountId: string, applicationId: string): Promise<number> {
  return (await db.query(`SELECT count(*)::int AS n FROM identity.change_record WHERE entity_id = $1 AND reason LIKE $2`, [accountId, `%${applicationId}%`])).rows[0].n;
}

async function event(id: string) {
  return (await db.query(`SELECT processed_at, attempts, last_error FROM permissions.outbox_event WHERE id = $1`, [id])).rows[0] as { processed_at: Date | null; attempts: number; last_error: string | null };
}

describe('the permissions outbox consumer', () => {
  it('gives the role once, and changes nothing when the same event is delivered again', async () => {
    const worker = await identityJobs();
    const clerk = user('taoyuan.head');
    const payload = grantEvent('taoyuan.head', 'CASEWORKER');
    const id = await enqueue('taoyuan', GRANT_ROLE_TOPIC, payload);

    const [first] = await worker.consumeOutbox('taoyuan');
    expect(first!.handled).toEqual([expect.objectContaining({ eventId: id, outcome: 'APPLIED' })]);
    expect((await account(clerk.accountId)).roles.filter((role) => role === 'CASEWORKER')).toHaveLength(1);
    expect(await changes(clerk.accountId, payload.applicationId)).toBe(1);
    expect(await event(id)).toMatchObject({ processed_at: expect.any(Date), attempts: 1, last_error: null });

    // Delivered a second time (a replay, a restored backup): the receipt answers, nothing changes.
    await db.query(`UPDATE permissions.outbox_event SET processed_at = NULL WHERE id = $1`, [id]);
    const [second] = await worker.consumeOutbox('taoyuan');
    expect(second!.handled).toEqual([expect.objectContaining({ eventId: id, outcome: 'DUPLICATE' })]);
    expect((await account(clerk.accountId)).roles.filter((role) => role === 'CASEWORKER')).toHaveLength(1);
    expect(await changes(clerk.accountId, payload.applicationId)).toBe(1);
    expect((await db.query(`SELECT outcome FROM identity.outbox_receipt WHERE event_id = $1`, [id])).rows).toEqual([{ outcome: 'APPLIED' }]);
    expect((await event(id)).processed_at).not.toBeNull();

    // And a job run that finds nothing pending does nothing.
    expect((await worker.consumeOutbox('taoyuan'))[0]!.handled).toEqual([]);

    // Another event for the same application's same change (however it came about) is the same change: not made twice.
    const again = randomUUID();
    await db.query(`INSERT INTO permissions.outbox_event (id, city_id, topic, dedupe_key, payload) VALUES ($1, 'taoyuan', $2, $3, $4)`, [again, GRANT_ROLE_TOPIC, `re-sent:${again}`, JSON.stringify(payload)]);
    expect((await worker.consumeOutbox('taoyuan'))[0]!.handled).toEqual([expect.objectContaining({ eventId: again, outcome: 'DUPLICATE' })]);
    expect(await changes(clerk.accountId, payload.applicationId)).toBe(1);
  });

  it('loses nothing and doubles nothing when the worker dies after the change but before the acknowledgement', async () => {
    // The worker's connection dies right after the change and its receipt are written (what a killed process looks like to PostgreSQL).
    const crashing = await identityJobs({ afterApply: async (manager) => void (await manager.query('SELECT pg_terminate_backend(pg_backend_pid())')) });
    const target = user('taoyuan.auditor');
    const payload = grantEvent('taoyuan.auditor', 'UNIT_ADMIN');
    const id = await enqueue('taoyuan', GRANT_ROLE_TOPIC, payload);
    const before = (await account(target.accountId)).roles;

    const [crashed] = await crashing.consumeOutbox('taoyuan');
    expect(crashed!.handled).toEqual([]);
    expect(crashed!.failed).toEqual([expect.objectContaining({ eventId: id })]);
    // Nothing of the change survived, and the event is still pending (its failed attempt recorded).
    expect((await account(target.accountId)).roles).toEqual(before);
    expect(await changes(target.accountId, payload.applicationId)).toBe(0);
    expect((await db.query(`SELECT 1 FROM identity.outbox_receipt WHERE event_id = $1`, [id])).rows).toEqual([]);
    expect(await event(id)).toMatchObject({ processed_at: null, attempts: 1, last_error: expect.any(String) });

    // The job queue retries: the change is made exactly once.
    const healthy = await identityJobs();
    const [retried] = await healthy.consumeOutbox(null).then((results) => results.filter((result) => result.cityId === 'taoyuan'));
    expect(retried!.handled).toEqual([expect.objectContaining({ eventId: id, outcome: 'APPLIED' })]);
    expect((await account(target.accountId)).roles).toEqual([...before, 'UNIT_ADMIN']);
    expect(await changes(target.accountId, payload.applicationId)).toBe(1);
    // The worker dies after the commit, before the queue learns the job finished: the job runs again and changes nothing.
    await healthy.consumeOutbox('taoyuan');
    expect((await account(target.accountId)).roles).toEqual([...before, 'UNIT_ADMIN']);
    expect(await changes(target.accountId, payload.applicationId)).toBe(1);
  });

  it('two workers racing for the same events make each change once', async () => {
    const [one, two] = [await identityJobs(), await identityJobs()];
    const events = await Promise.all(['taoyuan.clerk', 'taoyuan.director', 'taoyuan.reviewer', 'taoyuan.itofficer'].map(async (username) => {
      const payload = grantEvent(username, 'ETHICS_OFFICER');
      return { username, payload, id: await enqueue('taoyuan', GRANT_ROLE_TOPIC, payload) };
    }));
    const results = (await Promise.all([one.consumeOutbox('taoyuan'), two.consumeOutbox('taoyuan'), one.consumeOutbox('taoyuan')])).flat();
    const handled = results.flatMap((result) => result.handled.map((entry) => entry.eventId));
    expect(handled.sort()).toEqual(events.map((entry) => entry.id).sort());
    for (const entry of events) {
      const { accountId } = user(entry.username);
      expect((await account(accountId)).roles.filter((role) => role === 'ETHICS_OFFICER')).toHaveLength(1);
      expect(await changes(accountId, entry.payload.applicationId)).toBe(1);
    }
  });

  it('takes a role away (附表二 刪除), revoking the account and its sessions when no role is left', async () => {
    const worker = await identityJobs();
    const clerk = user('tainan.clerk');
    await db.query(`INSERT INTO identity.session (id, city_id, account_id, created_at, expires_at) VALUES ($1, 'tainan', $2, now(), now() + interval '1 hour')`, [randomUUID(), clerk.accountId]);
    const payload = { applicationId: randomUUID(), accountId: clerk.accountId, role: 'CASEWORKER' };
    const id = await enqueue('tainan', REVOKE_ROLE_TOPIC, payload);
    const [result] = await worker.consumeOutbox('tainan');
    expect(result!.handled).toEqual([expect.objectContaining({ eventId: id, outcome: 'APPLIED' })]);
    expect(await account(clerk.accountId)).toMatchObject({ status: 'REVOKED' });
    expect((await db.query(`SELECT count(*)::int AS n FROM identity.session WHERE account_id = $1 AND ended_at IS NULL`, [clerk.accountId])).rows[0].n).toBe(0);
    expect((await db.query(`SELECT 1 FROM identity.token_revocation WHERE subject = $1`, [clerk.accountId])).rows).toHaveLength(1);
  });

  it('hands an admin role over: the new admin gets it before the old one loses it (Changhua 4(三))', async () => {
    const worker = await identityJobs();
    const [successor, admin] = [user('changhua.auditor'), user('changhua.agencyadmin')];
    const payload = grantEvent('changhua.auditor', 'AGENCY_ADMIN', { replacesAccountId: admin.accountId, revokeReplacedRoleAfterGrant: true });
    const adminBefore = await account(admin.accountId);
    await enqueue('changhua', GRANT_ROLE_TOPIC, payload);
    await worker.consumeOutbox('changhua');
    expect((await account(successor.accountId)).roles).toContain('AGENCY_ADMIN');
    const adminAfter = await account(admin.accountId);
    if (adminBefore.roles.length === 1) expect(adminAfter.status).toBe('REVOKED');
    else expect(adminAfter.roles).not.toContain('AGENCY_ADMIN');
  });

  it('refuses what identity must not do (a revoked account, another agency), acknowledged with the reason and never retried', async () => {
    const worker = await identityJobs();
    const revoked = user('tainan.clerk'); // revoked above
    const toRevoked = await enqueue('tainan', GRANT_ROLE_TOPIC, grantEvent('tainan.clerk', 'CASEWORKER'));
    const wrongAgency = await enqueue('tainan', GRANT_ROLE_TOPIC, grantEvent('tainan.auditor', 'AGENCY_ADMIN', { agencyId: randomUUID() }));
    const [result] = await worker.consumeOutbox('tainan');
    expect(result!.handled.map((entry) => [entry.eventId, entry.outcome])).toEqual([[toRevoked, 'REFUSED'], [wrongAgency, 'REFUSED']]);
    expect((await event(toRevoked)).last_error).toMatch(/^ACCOUNT_REVOKED/);
    expect((await event(wrongAgency)).last_error).toMatch(/^AGENCY_MISMATCH/);
    expect(await account(revoked.accountId)).toMatchObject({ status: 'REVOKED' });
    expect((await account(user('tainan.auditor').accountId)).roles).not.toContain('AGENCY_ADMIN');
    expect((await worker.consumeOutbox('tainan'))[0]!.handled).toEqual([]);
  });

  it("handles a city's events only under that city, and identity's role can only acknowledge them", async () => {
    const worker = await identityJobs();
    const id = await enqueue('taipei', GRANT_ROLE_TOPIC, grantEvent('taipei.head', 'CASEWORKER'));
    expect((await worker.consumeOutbox('taoyuan'))[0]!.handled).toEqual([]);
    expect((await event(id)).processed_at).toBeNull();
    expect((await worker.consumeOutbox('taipei'))[0]!.handled).toEqual([expect.objectContaining({ eventId: id, outcome: 'APPLIED' })]);
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: db.appUrl('identity') });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.city_id', 'taipei', true)`);
      await expect(client.query(`UPDATE identity.outbox_receipt SET outcome = 'REFUSED'`)).rejects.toThrow(/permission denied/);
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
  });
});
