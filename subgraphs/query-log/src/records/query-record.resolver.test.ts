import { createSubgraphClient, createTestDatabase, createTestKeys, type TestDatabase } from '@custos/testkit';
import type { RunningScopedSubgraph } from '@custos/tenancy';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateQueryLog } from '../migrations';
import { startQueryLog } from '../server';

const MINE = `query ($first: Int!, $after: String) { myQueryRecords(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { caseNumber subjectMasked queriedAt } } }`;
const HASH = 'a'.repeat(64);

let db: TestDatabase;
let queryLog: RunningScopedSubgraph;
let client: Awaited<ReturnType<typeof createSubgraphClient>>;
const clerk = randomUUID();
const principal = (cityId: string, accountId: string) => ({ kind: 'account' as const, accountId, personId: randomUUID(), cityId, agencyId: randomUUID(), roles: ['CASEWORKER' as const] });

beforeAll(async () => {
  db = await createTestDatabase('querylog');
  await migrateQueryLog(db.ownerUrl);
  const rows = Array.from({ length: 7 }, (_, index) =>
    `('${randomUUID()}', 'taoyuan', ${index + 1}, '${clerk}', '${randomUUID()}', 'labor-insurance:C0101:national-id', 'CASE-${index}', 'social assistance', '${HASH}', 'A12*****89', '2026-11-0${index + 1}T09:00:00+08', '${HASH}', '${HASH}')`,
  );
  rows.push(`('${randomUUID()}', 'tainan', 1, '${clerk}', '${randomUUID()}', 'health-insurance:C0101:national-id', 'OTHER-CITY', 'x', '${HASH}', 'B12*****89', now(), '${HASH}', '${HASH}')`);
  await db.query(`INSERT INTO query_log.query_record (id, city_id, sequence, account_id, agency_id, item_key, case_number, purpose, subject_hash, subject_masked, queried_at, previous_hash, record_hash) VALUES ${rows.join(',')}`);
  const keys = await createTestKeys();
  queryLog = await startQueryLog({ NODE_ENV: 'test', SUBGRAPH_HOST: '127.0.0.1', SUBGRAPH_PORT: 0, SUBGRAPH_DATABASE_URL: db.appUrl('query_log'), SUBGRAPH_POOL_SIZE: 3, GATEWAY_PUBLIC_KEY: keys.gateway.publicJwk as Record<string, unknown> });
  client = await createSubgraphClient(queryLog.url, keys.gateway.privateJwk);
});

afterAll(async () => {
  await queryLog?.stop();
  await db?.drop();
});

describe('my query register', () => {
  it('pages newest first with a cursor, and never shows another city’s records under the same account id', async () => {
    const first = await client.execute(MINE, { first: 5 }, principal('taoyuan', clerk));
    expect(first.errors).toBeUndefined();
    expect(first.data.myQueryRecords.totalCount).toBe(7);
    expect(first.data.myQueryRecords.nodes.map((n: { caseNumber: string }) => n.caseNumber)).toEqual(['CASE-6', 'CASE-5', 'CASE-4', 'CASE-3', 'CASE-2']);
    const second = await client.execute(MINE, { first: 5, after: first.data.myQueryRecords.pageInfo.endCursor }, principal('taoyuan', clerk));
    expect(second.data.myQueryRecords.nodes.map((n: { caseNumber: string }) => n.caseNumber)).toEqual(['CASE-1', 'CASE-0']);
    expect(second.data.myQueryRecords.pageInfo.hasNextPage).toBe(false);
  });

  it('shows an empty register to someone with no records', async () => {
    const result = await client.execute(MINE, { first: 5 }, principal('taoyuan', randomUUID()));
    expect(result.data.myQueryRecords).toMatchObject({ totalCount: 0, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('refuses an oversized page and a bad cursor with the reason', async () => {
    const big = await client.execute(MINE, { first: 1000 }, principal('taoyuan', clerk));
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_PAGE_SIZE', field: 'first' });
    const bad = await client.execute(MINE, { first: 5, after: 'eyJub3QiOiJhIGN1cnNvciJ9' }, principal('taoyuan', clerk));
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_CURSOR', field: 'after' });
  });

  it('requires a signed-in account', async () => {
    const result = await client.execute(MINE, { first: 5 });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('the register is append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE even for the owner', async () => {
    await expect(db.query(`UPDATE query_log.query_record SET purpose = 'rewritten'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM query_log.query_record`)).rejects.toThrow(/append-only/);
    await expect(db.query(`TRUNCATE query_log.query_record`)).rejects.toThrow(/append-only/);
    expect((await db.query(`SELECT count(*)::int AS n FROM query_log.query_record`)).rows[0].n).toBe(8);
  });
});
