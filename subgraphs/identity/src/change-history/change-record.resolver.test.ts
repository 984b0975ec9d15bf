import { randomBytes } from 'node:crypto';
import { createGatewayAssertionSigner, GATEWAY_ASSERTION_HEADER, graphqlRequestHash, type JWK, type Principal } from '@custos/auth';
import { demoAgencyId } from '@custos/demo';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPrincipal, startIdentityFixture, testNationalId, type IdentityFixture } from '../testing/identity-fixture';

const CHANGES = `query ($first: Int!, $after: String, $entityId: ID) {
  identityChanges(first: $first, after: $after, entityId: $entityId) {
    pageInfo { endCursor hasNextPage }
    nodes { id occurredAt action entityType entityId actorKind clientAddress reason before after actor { username } changedFields { field before after } }
  }
}`;
const CREATE = `mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id person { id } } }`;
const SUSPEND = `mutation ($input: AccountStatusInput!) { suspendAccount(input: $input) { id } }`;

let fixture: IdentityFixture;
let execute: (query: string, variables: Record<string, unknown>, principal: Principal, clientAddress?: string) => Promise<any>;
const created: string[] = [];

beforeAll(async () => {
  fixture = await startIdentityFixture({ certificateUsers: [] });
  // Like the gateway: the assertion names the client address it saw.
  const signer = await createGatewayAssertionSigner(fixture.keys.gateway.privateJwk as JWK);
  execute = async (query, variables, principal, clientAddress) => {
    const assertion = await signer.sign({ principal, requestHash: graphqlRequestHash(query, variables), clientAddress });
    const response = await fetch(fixture.identity.url, { method: 'POST', headers: { 'content-type': 'application/json', [GATEWAY_ASSERTION_HEADER]: assertion }, body: JSON.stringify({ query, variables }) });
    return response.json();
  };
  for (let index = 0; index < 7; index += 1) {
    const input = {
      person: { displayName: `Person ${index}`, nationalId: testNationalId(1000 + index), myEGovAccountId: `m${index}`, certificateFingerprint: randomBytes(32).toString('hex') },
      agencyId: demoAgencyId('taoyuan', 'social'),
      username: `taoyuan.history${index}`,
      roles: ['CASEWORKER'],
      reason: `application ${index}`,
    };
    const result = await execute(CREATE, { input }, demoPrincipal('taoyuan.admin'), '10.1.2.3');
    created.push(result.data.createAccount.id);
  }
  await execute(SUSPEND, { input: { accountId: created[0], reason: 'on leave' } }, demoPrincipal('taoyuan.agencyadmin'), '10.9.9.9');
});
afterAll(() => fixture?.stop());

describe('the change history of identity data', () => {
  it('an auditor reads who changed what, when, from where and why, with before and after', async () => {
    const result = await fixture.client.execute(CHANGES, { first: 20, entityId: created[0] }, demoPrincipal('taoyuan.auditor'));
    expect(result.errors).toBeUndefined();
    const [suspension, creation] = result.data.identityChanges.nodes;
    expect(suspension).toMatchObject({
      action: 'ACCOUNT_SUSPENDED',
      entityType: 'ACCOUNT',
      actorKind: 'ACCOUNT',
      actor: { username: 'taoyuan.agencyadmin' },
      clientAddress: '10.9.9.9',
      reason: 'on leave',
    });
    expect(suspension.changedFields).toEqual(
      expect.arrayContaining([
        { field: 'status', before: '"ACTIVE"', after: '"SUSPENDED"' },
        { field: 'statusReason', before: '"application 0"', after: '"on leave"' },
      ]),
    );
    expect(JSON.parse(suspension.before)).toMatchObject({ username: 'taoyuan.history0', status: 'ACTIVE' });
    expect(creation).toMatchObject({ action: 'ACCOUNT_CREATED', before: null, actor: { username: 'taoyuan.admin' }, clientAddress: '10.1.2.3' });
  });

  it('pages newest first with a stable cursor, to the end', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const result: any = await fixture.client.execute(CHANGES, { first: 4, after }, demoPrincipal('taoyuan.auditor'));
      seen.push(...result.data.identityChanges.nodes.map((node: { id: string }) => node.id));
      if (!result.data.identityChanges.pageInfo.hasNextPage) break;
      after = result.data.identityChanges.pageInfo.endCursor;
    }
    // 7 people + 7 accounts created, 1 suspension.
    expect(seen).toHaveLength(15);
    expect(new Set(seen).size).toBe(15);
    const times = (await fixture.db.query(`select id from identity.change_record where city_id = 'taoyuan' order by position desc`)).rows.map((row) => row.id);
    expect(seen).toEqual(times);
  });

  it('an ethics officer may read it; admins and caseworkers may not; another city sees none of it', async () => {
    const ethics = { ...demoPrincipal('taoyuan.clerk'), roles: ['ETHICS_OFFICER' as const] };
    expect((await fixture.client.execute(CHANGES, { first: 1 }, ethics)).data.identityChanges.nodes).toHaveLength(1);
    for (const username of ['taoyuan.admin', 'taoyuan.agencyadmin', 'taoyuan.clerk']) {
      const refused = await fixture.client.execute(CHANGES, { first: 1 }, demoPrincipal(username));
      expect(refused.errors?.[0]?.extensions?.code, username).toBe('FORBIDDEN');
    }
    const tainan = await fixture.client.execute(CHANGES, { first: 50 }, demoPrincipal('tainan.auditor'));
    expect(tainan.data.identityChanges.nodes).toEqual([]);
    const byId = await fixture.client.execute(CHANGES, { first: 50, entityId: created[0] }, demoPrincipal('tainan.auditor'));
    expect(byId.data.identityChanges.nodes).toEqual([]);
  });

  it('refuses bad paging input with the reason', async () => {
    const big = await fixture.client.execute(CHANGES, { first: 1000 }, demoPrincipal('taoyuan.auditor'));
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_PAGE_SIZE', field: 'first' });
    const cursor = await fixture.client.execute(CHANGES, { first: 5, after: 'garbage!' }, demoPrincipal('taoyuan.auditor'));
    expect(cursor.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_CURSOR', field: 'after' });
    const entity = await fixture.client.execute(CHANGES, { first: 5, entityId: 'nope' }, demoPrincipal('taoyuan.auditor'));
    expect(entity.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_ID', field: 'entityId' });
  });

  it('is append-only: the application role has no UPDATE, DELETE or TRUNCATE, and a trigger refuses even the owner', async () => {
    const app = new pg.Client({ connectionString: fixture.db.appUrl('identity') });
    await app.connect();
    try {
      await app.query('BEGIN');
      await app.query(`select set_config('app.city_id', 'taoyuan', true)`);
      await expect(app.query(`update identity.change_record set reason = 'rewritten'`)).rejects.toThrow(/permission denied/);
      await app.query('ROLLBACK');
      await expect(app.query(`delete from identity.change_record`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`truncate identity.change_record`)).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
    await expect(fixture.db.query(`update identity.change_record set reason = 'rewritten'`)).rejects.toThrow(/append-only/);
    await expect(fixture.db.query(`delete from identity.change_record`)).rejects.toThrow(/append-only/);
    await expect(fixture.db.query(`truncate identity.change_record`)).rejects.toThrow(/append-only/);
    const [{ n }] = (await fixture.db.query(`select count(*)::int as n from identity.change_record where reason = 'rewritten'`)).rows;
    expect(n).toBe(0);
  });

  it('keeps no secrets: no password hash, no national ID hash', async () => {
    const rows = (await fixture.db.query(`select before, after from identity.change_record`)).rows;
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/passwordHash|nationalIdHash|\$argon2/);
  });
});
