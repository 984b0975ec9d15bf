import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { gql, login } from '../support/gateway-client';
import { demoUser, ownerQuery } from '../support/platform';
import { createOfficial, type TestOfficial } from '../permissions/officials';

/**
 * An approved account application (附表二) changes the account in identity: permissions writes the
 * change to its transactional outbox in the approving transaction, the platform's job worker
 * (graphile-worker) hands it to identity, which makes it exactly once — also when the event is
 * delivered again.
 */
const SUBMIT = `mutation ($input: ApplicationInput!) { submitApplication(input: $input) { id status } }`;
const STEP = `mutation ($id: ID!, $decision: StepDecision!, $comment: String) { decideApplicationStep(id: $id, decision: $decision, comment: $comment) { id status } }`;
const ME = `{ me { id roles status } }`;
const ACCOUNTS = `query ($after: String) { accounts(first: 100, after: $after) { nodes { id username roles } pageInfo { hasNextPage endCursor } } }`;

let newcomer: TestOfficial;
let agencyHead: TestOfficial;

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() - started > timeoutMs) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function accountAsListed(token: string, accountId: string): Promise<{ roles: string[] } | undefined> {
  let after: string | null = null;
  for (;;) {
    const page: { data?: any; errors?: unknown } = await gql(ACCOUNTS, { after }, token);
    expect(page.errors, JSON.stringify(page.errors)).toBeUndefined();
    const found = page.data.accounts.nodes.find((node: { id: string }) => node.id === accountId);
    if (found || !page.data.accounts.pageInfo.hasNextPage) return found;
    after = page.data.accounts.pageInfo.endCursor;
  }
}

beforeAll(async () => {
  newcomer = await createOfficial('taoyuan', 'social', ['UNIT_ADMIN'], { unitKey: 'assistance' });
  agencyHead = await createOfficial('taoyuan', 'social', ['AGENCY_HEAD']);
});

describe('an approved account application changes the account in identity, once', () => {
  it('附表二 new, approved by every step: the newcomer holds CASEWORKER in `me` and in the agency admin’s `accounts`', async () => {
    const [head, agencyAdmin] = [await login(demoUser('taoyuan', 'UNIT_HEAD')), await login(demoUser('taoyuan', 'AGENCY_ADMIN'))];
    expect((await gql(ME, {}, newcomer.token)).data.me.roles).toEqual(['UNIT_ADMIN']);

    const submitted = await gql(SUBMIT, { input: { kind: 'user-account', operation: 'new', itemsToAdd: ['labor-insurance:C0101:unspecified'], reason: '新進承辦人 (new caseworker)' } }, newcomer.token);
    expect(submitted.errors, JSON.stringify(submitted.errors)).toBeUndefined();
    const { id } = submitted.data.submitApplication;
    for (const actor of [head, agencyHead.token, agencyAdmin]) {
      const step = await gql(STEP, { id, decision: 'APPROVE', comment: '同意' }, actor);
      expect(step.errors, JSON.stringify(step.errors)).toBeUndefined();
    }
    const [outboxEvent] = await ownerQuery(`SELECT id FROM permissions.outbox_event WHERE payload->>'applicationId' = $1`, [id]);
    expect(outboxEvent).toBeDefined();

    const me = await eventually(() => gql(ME, {}, newcomer.token), (result) => result.data?.me?.roles?.includes('CASEWORKER'));
    expect(me.data.me.roles.sort()).toEqual(['CASEWORKER', 'UNIT_ADMIN']);
    expect((await accountAsListed(agencyAdmin, newcomer.accountId))?.roles.sort()).toEqual(['CASEWORKER', 'UNIT_ADMIN']);
    const [processed] = await eventually(() => ownerQuery(`SELECT processed_at, last_error FROM permissions.outbox_event WHERE id = $1`, [outboxEvent.id]), ([row]) => row.processed_at !== null);
    expect(processed).toMatchObject({ processed_at: expect.any(Date), last_error: null });

    // The same event delivered again (a replay): acknowledged again, nothing changes in identity.
    await ownerQuery(`UPDATE permissions.outbox_event SET processed_at = NULL WHERE id = $1`, [outboxEvent.id]);
    await ownerQuery(`SELECT pg_notify('permissions_outbox', json_build_object('city', 'taoyuan', 'topic', 'identity.account-role.grant')::text)`);
    await eventually(() => ownerQuery(`SELECT processed_at FROM permissions.outbox_event WHERE id = $1`, [outboxEvent.id]), ([row]) => row.processed_at !== null);
    expect((await gql(ME, {}, newcomer.token)).data.me.roles.sort()).toEqual(['CASEWORKER', 'UNIT_ADMIN']);
    const auditor = await login(demoUser('taoyuan', 'AUDITOR'));
    const history = await gql(`query ($id: ID!) { identityChanges(entityId: $id, first: 50) { nodes { action reason } } }`, { id: newcomer.accountId }, auditor);
    expect(history.errors, JSON.stringify(history.errors)).toBeUndefined();
    expect(history.data.identityChanges.nodes.filter((node: { reason: string }) => node.reason.includes(id))).toEqual([
      { action: 'ACCOUNT_CHANGED', reason: expect.stringContaining('CASEWORKER') },
    ]);
    expect(await ownerQuery(`SELECT outcome FROM identity.outbox_receipt WHERE event_id = $1`, [outboxEvent.id])).toEqual([{ outcome: 'APPLIED' }]);
  });

  it('an event identity must refuse (an account of another city) is acknowledged with its reason and changes nothing', async () => {
    const applicationId = randomUUID();
    const taipeiClerk = demoUser('taipei', 'CASEWORKER');
    const [{ id: accountId }] = await ownerQuery(`SELECT id FROM identity.account WHERE city_id = 'taipei' AND username = $1`, [taipeiClerk.username]);
    const eventId = randomUUID();
    await ownerQuery(
      `INSERT INTO permissions.outbox_event (id, city_id, topic, dedupe_key, payload) VALUES ($1, 'taoyuan', 'identity.account-role.grant', $2, $3)`,
      [eventId, `application:${applicationId}:grant-role`, JSON.stringify({ applicationId, accountId, role: 'TOP_ADMIN', agencyId: null, unitId: null, replacesAccountId: null, revokeReplacedRoleAfterGrant: false })],
    );
    const [row] = await eventually(() => ownerQuery(`SELECT processed_at, last_error FROM permissions.outbox_event WHERE id = $1`, [eventId]), ([found]) => found.processed_at !== null);
    expect(row.last_error).toMatch(/^ACCOUNT_NOT_FOUND/);
    expect((await ownerQuery(`SELECT roles FROM identity.account WHERE id = $1`, [accountId]))[0].roles).not.toContain('TOP_ADMIN');
  });
});
