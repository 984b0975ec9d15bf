import { createSubgraphClient, createTestDatabase, createTestKeys, QueryCounter, type TestDatabase } from '@custos/testkit';
import type { RunningScopedSubgraph } from '@custos/tenancy';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePermissions } from '../migrations';
import { startPermissions } from '../server';

const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Account { id grants { itemKey } } } }`;

let db: TestDatabase;
let permissions: RunningScopedSubgraph;
let client: Awaited<ReturnType<typeof createSubgraphClient>>;
const queries = new QueryCounter();
const taoyuanAccounts = Array.from({ length: 50 }, () => randomUUID());
const tainanAccount = randomUUID();
const principal = (cityId: string) => ({ kind: 'account' as const, accountId: randomUUID(), personId: randomUUID(), cityId, agencyId: randomUUID(), roles: ['TOP_ADMIN' as const] });

beforeAll(async () => {
  db = await createTestDatabase('permissions');
  await migratePermissions(db.ownerUrl);
  const values = taoyuanAccounts.map((id, index) => `('${randomUUID()}', 'taoyuan', '${id}', 'labor-insurance:C0101:national-id', now() - interval '${index} days')`);
  values.push(`('${randomUUID()}', 'tainan', '${tainanAccount}', 'health-insurance:C0101:national-id', now())`);
  await db.query(`INSERT INTO permissions.user_grant (id, city_id, account_id, item_key, granted_at) VALUES ${values.join(',')}`);
  const keys = await createTestKeys();
  permissions = await startPermissions(
    { NODE_ENV: 'test', SUBGRAPH_HOST: '127.0.0.1', SUBGRAPH_PORT: 0, SUBGRAPH_DATABASE_URL: db.appUrl('permissions'), SUBGRAPH_POOL_SIZE: 4, GATEWAY_PUBLIC_KEY: keys.gateway.publicJwk as Record<string, unknown> },
    { logger: queries },
  );
  client = await createSubgraphClient(permissions.url, keys.gateway.privateJwk);
});

afterAll(async () => {
  await permissions?.stop();
  await db?.drop();
});

describe('Account.grants across the federation boundary', () => {
  it('resolves 50 account references with one grants query (DataLoader), not 50', async () => {
    const representations = (count: number) => taoyuanAccounts.slice(0, count).map((id) => ({ __typename: 'Account', id }));
    queries.reset();
    const few = await client.execute(ENTITIES, { representations: representations(5) }, principal('taoyuan'));
    const forFive = queries.dataStatements().length;
    queries.reset();
    const many = await client.execute(ENTITIES, { representations: representations(50) }, principal('taoyuan'));
    const forFifty = queries.dataStatements().length;
    expect(few.errors).toBeUndefined();
    expect(many.data._entities).toHaveLength(50);
    expect(many.data._entities.every((account: { grants: unknown[] }) => account.grants.length === 1)).toBe(true);
    expect(forFifty).toBe(forFive);
    expect(forFifty).toBe(1);
  });

  it("resolves another city's account to no grants (the loader is bound to the caller's city)", async () => {
    const result = await client.execute(ENTITIES, { representations: [{ __typename: 'Account', id: tainanAccount }] }, principal('taoyuan'));
    expect(result.data._entities[0].grants).toEqual([]);
    const own = await client.execute(ENTITIES, { representations: [{ __typename: 'Account', id: tainanAccount }] }, principal('tainan'));
    expect(own.data._entities[0].grants).toEqual([{ itemKey: 'health-insurance:C0101:national-id' }]);
  });

  it('resolves nothing for an anonymous caller', async () => {
    const result = await client.execute(ENTITIES, { representations: [{ __typename: 'Account', id: taoyuanAccounts[0] }] });
    expect(result.data._entities).toEqual([null]);
  });
});
