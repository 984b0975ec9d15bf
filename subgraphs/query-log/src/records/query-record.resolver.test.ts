import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../chain/record-hash';
import { startQueryLogFixture, unitOf, type QueryLogFixture, type TestOfficial } from '../testing/query-log-fixture';

const CREATE = `mutation ($input: CreateQueryRequestInput!) { createQueryRequest(input: $input) { id } }`;
const APPROVE = `mutation ($id: ID!) { approveQueryRequest(id: $id) { id status } }`;
const REJECT = `mutation ($id: ID!) { rejectQueryRequest(id: $id, reason: "目的不符") { id } }`;
const RECORD = `mutation ($input: RecordQueryInput!) { recordQuery(input: $input) { id sequence itemKey caseNumber purpose subjectMasked subjectKind requestId account { id } unitId queriedAt recordedAt recordHash decisionRuleVersion } }`;
const MINE = `query ($first: Int!, $after: String) { myQueryRecords(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { caseNumber sequence } } }`;

let f: QueryLogFixture;
beforeAll(async () => {
  f = await startQueryLogFixture();
});
afterAll(async () => {
  await f?.stop();
});

const TAINAN_ITEM = 'health-insurance:C0101:national-id';
const LABOR_ITEM = 'labor-insurance:C0101:unspecified';

async function fileRequest(clerk: TestOfficial, overrides: Record<string, unknown> = {}): Promise<string> {
  const labor = clerk.cityId !== 'tainan';
  const result = await f.client.execute(
    CREATE,
    {
      input: {
        caseNumber: `CASE-${randomUUID().slice(0, 8)}`,
        purpose: '社會救助資格審查',
        itemKeys: [labor ? LABOR_ITEM : TAINAN_ITEM],
        subjectKind: 'NATIONAL_ID',
        subject: 'A123456789',
        legalBasis: '社會救助法第44條之2',
        ...overrides,
      },
    },
    clerk.principal,
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.createQueryRequest.id;
}

async function recordCount(): Promise<number> {
  return (await f.db.query(`select count(*)::int as n from query_log.query_record`)).rows[0].n;
}

describe('recording a query', () => {
  it('Tainan 7(一): requested, approved by the unit head, then recorded as the next link of the chain', async () => {
    const tainan = unitOf(f.platform, 'tainan');
    const id = await fileRequest(tainan.clerk);
    expect((await f.client.execute(APPROVE, { id }, tainan.head.principal)).data.approveQueryRequest.status).toBe('APPROVED');
    f.platform.decisions = [];
    const result = await f.client.execute(RECORD, { input: { requestId: id, itemKey: TAINAN_ITEM } }, tainan.clerk.principal);
    expect(result.errors).toBeUndefined();
    const record = result.data.recordQuery;
    expect(record).toMatchObject({ requestId: id, itemKey: TAINAN_ITEM, subjectMasked: 'A12*****89', subjectKind: 'NATIONAL_ID', account: { id: tainan.clerk.accountId }, unitId: tainan.unitId, decisionRuleVersion: 'test-version' });
    // The decision was asked on the caller's behalf with the approval and the query's moment.
    expect(f.platform.decisions).toEqual([expect.objectContaining({ accountId: tainan.clerk.accountId, itemKey: TAINAN_ITEM, preApprovalApproved: true, purpose: '社會救助資格審查' })]);
    const row = (await f.db.query(`select * from query_log.query_record where id = $1`, [record.id])).rows[0];
    expect(row.record_hash).toBe(record.recordHash);
    expect(row.previous_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain('A123456789');
  });

  it('refuses before approval, after a rejection and after the approval lapsed — writing nothing', async () => {
    const tainan = unitOf(f.platform, 'tainan');
    const before = await recordCount();
    const pending = await fileRequest(tainan.clerk);
    const refused = await f.client.execute(RECORD, { input: { requestId: pending, itemKey: TAINAN_ITEM } }, tainan.clerk.principal);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_REFUSED', reasons: [{ code: 'PRE_APPROVAL_REQUIRED', citation: 'Tainan 7(一)' }] });
    expect(f.platform.decisions.at(-1)).toMatchObject({ preApprovalApproved: false });

    const rejected = await fileRequest(tainan.clerk);
    await f.client.execute(REJECT, { id: rejected }, tainan.head.principal);
    const afterRejection = await f.client.execute(RECORD, { input: { requestId: rejected, itemKey: TAINAN_ITEM } }, tainan.clerk.principal);
    expect(afterRejection.errors?.[0]?.extensions?.reasons).toEqual([expect.objectContaining({ code: 'PRE_APPROVAL_REJECTED' })]);

    const lapsed = await fileRequest(tainan.clerk);
    await f.client.execute(APPROVE, { id: lapsed }, tainan.head.principal);
    const expired = await f.client.execute(RECORD, { input: { requestId: lapsed, itemKey: TAINAN_ITEM, queriedAt: new Date(Date.now() - 3600_000).toISOString() } }, tainan.clerk.principal);
    expect(expired.errors?.[0]?.extensions?.reasons).toEqual([expect.objectContaining({ code: 'PRE_APPROVAL_REQUIRED' })]); // queried before it was approved
    await f.db.query(`ALTER TABLE query_log.query_request_decision DISABLE TRIGGER query_request_decision_append_only`);
    await f.db.query(`UPDATE query_log.query_request_decision SET decided_at = decided_at - interval '73 hours', expires_at = expires_at - interval '73 hours' WHERE request_id = $1`, [lapsed]);
    await f.db.query(`ALTER TABLE query_log.query_request_decision ENABLE TRIGGER query_request_decision_append_only`);
    const late = await f.client.execute(RECORD, { input: { requestId: lapsed, itemKey: TAINAN_ITEM } }, tainan.clerk.principal);
    expect(late.errors?.[0]?.extensions?.reasons).toEqual([expect.objectContaining({ code: 'PRE_APPROVAL_EXPIRED' })]);
    expect(await recordCount()).toBe(before);
  });

  it('refuses with every reason: its own and the permissions decision’s', async () => {
    const tainan = unitOf(f.platform, 'tainan');
    const id = await fileRequest(tainan.clerk);
    f.platform.decide = () => ({
      allowed: false,
      ruleVersion: 'tainan-2018',
      reasons: [
        { code: 'GRANT_NOT_HELD', message: 'You do not hold this item.', citation: 'Tainan 5 第三項' },
        { code: 'ACCOUNT_NOT_ACTIVE', message: 'Your account is suspended.', citation: null },
      ],
    });
    try {
      const result = await f.client.execute(RECORD, { input: { requestId: id, itemKey: TAINAN_ITEM } }, tainan.clerk.principal);
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('QUERY_REFUSED');
      expect((result.errors?.[0]?.extensions?.reasons as Array<{ code: string }>).map((reason) => reason.code)).toEqual(['PRE_APPROVAL_REQUIRED', 'GRANT_NOT_HELD', 'ACCOUNT_NOT_ACTIVE']);
      expect(result.errors?.[0]?.message).toMatch(/do not hold this item/);
    } finally {
      f.platform.decide = () => ({ allowed: true, reasons: [], ruleVersion: 'test-version' });
    }
  });

  it('fails closed when the permissions decision cannot be obtained', async () => {
    const taoyuan = unitOf(f.platform, 'taoyuan');
    const id = await fileRequest(taoyuan.clerk);
    f.platform.decide = () => {
      throw new Error('gateway timed out');
    };
    try {
      const result = await f.client.execute(RECORD, { input: { requestId: id, itemKey: LABOR_ITEM } }, taoyuan.clerk.principal);
      expect(result.errors?.[0]?.extensions?.reasons).toEqual([expect.objectContaining({ code: 'PERMISSIONS_UNAVAILABLE' })]);
    } finally {
      f.platform.decide = () => ({ allowed: true, reasons: [], ruleVersion: 'test-version' });
    }
  });

  it('Taoyuan needs no pre-approval: a request with a legal basis is recorded at once', async () => {
    const taoyuan = unitOf(f.platform, 'taoyuan');
    const id = await fileRequest(taoyuan.clerk);
    const result = await f.client.execute(RECORD, { input: { requestId: id, itemKey: LABOR_ITEM } }, taoyuan.clerk.principal);
    expect(result.errors).toBeUndefined();
    expect(f.platform.decisions.at(-1)).toMatchObject({ preApprovalApproved: false });
  });

  it('Taipei: a query dated before the 2021-01-14 repeal is recorded; one dated after is refused citing the repeal', async () => {
    const taipei = unitOf(f.platform, 'taipei');
    const id = await fileRequest(taipei.clerk, { legalBasis: null });
    const before = await f.client.execute(RECORD, { input: { requestId: id, itemKey: LABOR_ITEM, queriedAt: '2020-12-01T02:00:00.000Z' } }, taipei.clerk.principal);
    expect(before.errors).toBeUndefined();
    expect(before.data.recordQuery.queriedAt).toBe('2020-12-01T02:00:00.000Z');
    const after = await f.client.execute(RECORD, { input: { requestId: id, itemKey: LABOR_ITEM, queriedAt: '2021-02-01T02:00:00.000Z' } }, taipei.clerk.principal);
    expect(after.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_REFUSED', reasons: [expect.objectContaining({ code: 'RULES_NOT_IN_FORCE', citation: 'Taipei 沿革' })] });
    expect(after.errors?.[0]?.message).toMatch(/repealed on 2021-01-14/);
  });

  it('only the requester records, only the request’s items, never in the future, never another city’s request', async () => {
    const taoyuan = unitOf(f.platform, 'taoyuan');
    const id = await fileRequest(taoyuan.clerk);
    const colleague = await f.client.execute(RECORD, { input: { requestId: id, itemKey: LABOR_ITEM } }, taoyuan.clerk2.principal);
    expect(colleague.errors?.[0]?.extensions?.code).toBe('NOT_YOUR_REQUEST');
    const otherItem = await f.client.execute(RECORD, { input: { requestId: id, itemKey: 'labor-insurance:C0201:unspecified' } }, taoyuan.clerk.principal);
    expect(otherItem.errors?.[0]?.extensions).toMatchObject({ code: 'ITEM_NOT_IN_REQUEST', field: 'itemKey' });
    const future = await f.client.execute(RECORD, { input: { requestId: id, itemKey: LABOR_ITEM, queriedAt: new Date(Date.now() + 3600_000).toISOString() } }, taoyuan.clerk.principal);
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_QUERIED_AT', field: 'queriedAt' });
    const sameIdElsewhere = { ...taoyuan.clerk.principal, cityId: 'changhua' };
    const otherCity = await f.client.execute(RECORD, { input: { requestId: id, itemKey: LABOR_ITEM } }, sameIdElsewhere);
    expect(otherCity.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const anonymous = await f.client.execute(RECORD, { input: { requestId: id, itemKey: LABOR_ITEM } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('concurrent recordings in one city form one unbroken chain (appends serialised per city)', async () => {
    const changhua = unitOf(f.platform, 'changhua');
    const id = await fileRequest(changhua.clerk);
    await f.client.execute(APPROVE, { id }, changhua.head.principal);
    const results = await Promise.all(Array.from({ length: 12 }, () => f.client.execute(RECORD, { input: { requestId: id, itemKey: LABOR_ITEM } }, changhua.clerk.principal)));
    expect(results.every((result) => !result.errors)).toBe(true);
    const rows = (await f.db.query(`select sequence::int, previous_hash, record_hash from query_log.query_record where city_id = 'changhua' order by sequence`)).rows;
    expect(rows.map((row) => row.sequence)).toEqual(Array.from({ length: rows.length }, (_, index) => index + 1));
    expect(rows[0].previous_hash).toBe(GENESIS_HASH);
    for (let index = 1; index < rows.length; index++) expect(rows[index].previous_hash).toBe(rows[index - 1].record_hash);
  });
});

describe('my query register', () => {
  it('pages newest first with a cursor, and never shows another city’s records', async () => {
    const taoyuan = unitOf(f.platform, 'taoyuan');
    const id = await fileRequest(taoyuan.clerk);
    for (let day = 1; day <= 7; day++) {
      await f.client.execute(RECORD, { input: { requestId: id, itemKey: LABOR_ITEM, queriedAt: `2026-11-0${day}T01:00:00.000Z` } }, taoyuan.clerk.principal);
    }
    const first = await f.client.execute(MINE, { first: 5 }, taoyuan.clerk.principal);
    expect(first.data.myQueryRecords.totalCount).toBe(7);
    const second = await f.client.execute(MINE, { first: 5, after: first.data.myQueryRecords.pageInfo.endCursor }, taoyuan.clerk.principal);
    expect(second.data.myQueryRecords.nodes).toHaveLength(2);
    expect(second.data.myQueryRecords.pageInfo.hasNextPage).toBe(false);
    const elsewhere = await f.client.execute(MINE, { first: 5 }, { ...taoyuan.clerk.principal, cityId: 'tainan' });
    expect(elsewhere.data.myQueryRecords.totalCount).toBe(0);
  });

  it('refuses an oversized page and a bad cursor with the reason', async () => {
    const taoyuan = unitOf(f.platform, 'taoyuan');
    const big = await f.client.execute(MINE, { first: 1000 }, taoyuan.clerk.principal);
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_PAGE_SIZE', field: 'first' });
    const bad = await f.client.execute(MINE, { first: 5, after: 'eyJub3QiOiJhIGN1cnNvciJ9' }, taoyuan.clerk.principal);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_CURSOR', field: 'after' });
  });
});

describe('the register is append-only', () => {
  it('the application role has no UPDATE, DELETE or TRUNCATE; the trigger refuses them even for the owner', async () => {
    const app = new pg.Client({ connectionString: f.config.SUBGRAPH_DATABASE_URL });
    await app.connect();
    try {
      for (const sql of ['UPDATE query_log.query_record SET purpose = $$x$$', 'DELETE FROM query_log.query_record', 'TRUNCATE query_log.query_record', 'DELETE FROM query_log.chain_checkpoint']) {
        await expect(app.query(sql)).rejects.toThrow(/permission denied/);
      }
    } finally {
      await app.end();
    }
    const count = await recordCount();
    expect(count).toBeGreaterThan(0);
    await expect(f.db.query(`UPDATE query_log.query_record SET purpose = 'rewritten'`)).rejects.toThrow(/append-only/);
    await expect(f.db.query(`DELETE FROM query_log.query_record`)).rejects.toThrow(/append-only/);
    await expect(f.db.query(`TRUNCATE query_log.query_record`)).rejects.toThrow(/append-only/);
    expect(await recordCount()).toBe(count);
  });
});
