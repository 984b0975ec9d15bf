import type { AccountPrincipal } from '@custos/auth';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubjectHasher } from '../identifiers/subject';
import { official, startQueryLogFixture, type QueryLogFixture } from '../testing/query-log-fixture';

/**
 * Issue 9 on seeded registers with known counts: a bureau reads only its service across its
 * cities, every read is logged for each city's top admin, aggregates count right, pages end right,
 * and a data-subject report finds a citizen's queries without naming the officials.
 */
const RECORDS = `query ($filter: CrossCityRecordFilter, $first: Int, $after: String) { bureauQueryRecords(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id cityId itemKey caseNumber queriedAt } } }`;
const READS = `query ($first: Int, $after: String) { crossCityReads(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { cityId service readerCityId readerAccountId operation rowCount } } }`;
const COUNTS = `query ($groupBy: [QueryCountDimension!]!, $filter: QueryCountFilter) { queryCounts(groupBy: $groupBy, filter: $filter) { total rows { cityId agencyId unitId itemKey purpose month count } } }`;
const SUBJECT = `mutation ($input: DataSubjectReportInput!) { produceDataSubjectReport(input: $input) { recordCount subjectMasked requestReference entries { queriedAt agencyId unitId itemKey purpose caseNumber } } }`;

const LABOR = 'labor-insurance:C0101:unspecified';
const LABOR_B = 'labor-insurance:B0101:unspecified';
const HEALTH = 'health-insurance:C0101:national-id';
const CITIZEN = 'A123456789';
const OTHER = 'B123456780';
const hex = (n: number) => n.toString(16).padStart(64, '0');

let fixture: QueryLogFixture;
let hasher: SubjectHasher;
const agencyOf: Record<string, string> = { taipei: randomUUID(), taoyuan: randomUUID(), changhua: randomUUID(), tainan: randomUUID() };
const unitOf: Record<string, string> = { taipei: randomUUID(), taoyuan: randomUUID(), changhua: randomUUID(), tainan: randomUUID() };
let sequence = 0;

function bureau(service: 'labor-insurance' | 'health-insurance', cityIds = ['changhua', 'tainan', 'taipei', 'taoyuan']): AccountPrincipal {
  return { kind: 'account', accountId: randomUUID(), personId: randomUUID(), cityId: 'central', agencyId: randomUUID(), roles: ['BUREAU_OFFICER'], crossCity: { cityIds, service } };
}

async function seed(cityId: string, itemKey: string, queriedAt: string, subject = OTHER, purpose = '社會救助資格審核', category: string | null = null) {
  sequence += 1;
  await fixture.db.query(
    `INSERT INTO query_log.query_record (id, city_id, sequence, account_id, agency_id, unit_id, item_key, case_number, purpose, subject_hash, subject_masked, queried_at, previous_hash, record_hash, purpose_category)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'A12*****89', $11, $12, $13, $14)`,
    [randomUUID(), cityId, sequence, randomUUID(), agencyOf[cityId], unitOf[cityId], itemKey, `CASE-${sequence}`, purpose, hasher.hash(cityId, { kind: 'NATIONAL_ID', value: subject }), queriedAt, hex(sequence), hex(sequence + 1), category],
  );
}

beforeAll(async () => {
  fixture = await startQueryLogFixture();
  hasher = new SubjectHasher(fixture.config.SUBJECT_HASH_KEYS);
  // taipei: 3 labor (2 in Jan, 1 in Feb); taoyuan: 2 labor + 1 health; tainan: 2 health; changhua: none.
  // Purpose categories: taipei 2 social + 1 not stated; taoyuan police (labor), social (labor), health; tainan health, other.
  await seed('taipei', LABOR, '2026-01-05T02:00:00Z', CITIZEN, undefined, 'social');
  await seed('taipei', LABOR_B, '2026-01-20T02:00:00Z', CITIZEN, '身心障礙補助', 'social');
  await seed('taipei', LABOR, '2026-02-03T02:00:00Z');
  await seed('taoyuan', LABOR, '2026-01-07T02:00:00Z', CITIZEN, '刑案偵查', 'police');
  await seed('taoyuan', LABOR_B, '2026-02-09T02:00:00Z', OTHER, undefined, 'social');
  await seed('taoyuan', HEALTH, '2026-02-10T02:00:00Z', OTHER, '防疫', 'health');
  await seed('tainan', HEALTH, '2026-01-11T02:00:00Z', CITIZEN, '防疫', 'health');
  await seed('tainan', HEALTH, '2026-03-01T02:00:00Z', OTHER, '其他', 'other');
});
afterAll(() => fixture?.stop());

describe('a bureau reads across cities, for its own service only', () => {
  it('the labor bureau sees the labor records of taipei and taoyuan, newest first, and no health records', async () => {
    const result = await fixture.client.execute(RECORDS, { first: 50 }, bureau('labor-insurance'));
    expect(result.errors).toBeUndefined();
    const page = result.data.bureauQueryRecords;
    expect(page.totalCount).toBe(5);
    expect(page.nodes.map((node: { cityId: string }) => node.cityId)).toEqual(['taoyuan', 'taipei', 'taipei', 'taoyuan', 'taipei']);
    expect(page.nodes.every((node: { itemKey: string }) => node.itemKey.startsWith('labor-insurance:'))).toBe(true);
    const health = await fixture.client.execute(RECORDS, { first: 50 }, bureau('health-insurance'));
    expect(health.data.bureauQueryRecords.nodes.map((node: { cityId: string }) => node.cityId).sort()).toEqual(['tainan', 'tainan', 'taoyuan']);
  });

  it('is narrowed to the cities asked for, and refused for a city outside its reach or for a city official', async () => {
    const one = await fixture.client.execute(RECORDS, { filter: { cityIds: ['taoyuan'] } }, bureau('labor-insurance'));
    expect(one.data.bureauQueryRecords.totalCount).toBe(2);
    const outside = await fixture.client.execute(RECORDS, { filter: { cityIds: ['tainan'] } }, bureau('labor-insurance', ['taipei', 'taoyuan']));
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', cities: ['tainan'] });
    const cityAuditor = official(fixture.platform, 'taipei', ['AUDITOR']).principal;
    expect((await fixture.client.execute(RECORDS, {}, cityAuditor)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // A reach without the role is not enough.
    expect((await fixture.client.execute(RECORDS, {}, { ...bureau('labor-insurance'), roles: ['AUDITOR'] })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('pages: a stable order across pages, the last page, an empty result and an invalid cursor', async () => {
    const reader = bureau('labor-insurance');
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const result: any = await fixture.client.execute(RECORDS, { first: 2, after }, reader);
      const page = result.data.bureauQueryRecords;
      seen.push(...page.nodes.map((node: { id: string }) => node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages += 1;
      if (!after) expect(page.nodes).toHaveLength(1);
    } while (after);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
    const empty = await fixture.client.execute(RECORDS, { filter: { cityIds: ['changhua'] } }, reader);
    expect(empty.data.bureauQueryRecords).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] });
    const invalid = await fixture.client.execute(RECORDS, { after: 'not-a-cursor' }, reader);
    expect(invalid.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_CURSOR', field: 'after' });
  });

  it('every read is in each city’s read log, which only that city’s top admin lists', async () => {
    const reader = bureau('labor-insurance');
    await fixture.client.execute(`query LaborAudit($first: Int) { bureauQueryRecords(first: $first) { totalCount } }`, { first: 10 }, reader);
    const rows = (await fixture.db.query(`select city_id, operation, row_count from query_log.cross_city_read where reader_account_id = $1 order by city_id`, [reader.accountId])).rows;
    expect(rows).toEqual([
      { city_id: 'changhua', operation: 'LaborAudit/bureauQueryRecords', row_count: 0 },
      { city_id: 'tainan', operation: 'LaborAudit/bureauQueryRecords', row_count: 0 },
      { city_id: 'taipei', operation: 'LaborAudit/bureauQueryRecords', row_count: 3 },
      { city_id: 'taoyuan', operation: 'LaborAudit/bureauQueryRecords', row_count: 2 },
    ]);
    const admin = official(fixture.platform, 'taipei', ['TOP_ADMIN']).principal;
    const list = await fixture.client.execute(READS, { first: 200 }, admin);
    expect(list.errors).toBeUndefined();
    const nodes = list.data.crossCityReads.nodes as Array<{ cityId: string; readerAccountId: string }>;
    expect(nodes.every((node) => node.cityId === 'taipei')).toBe(true);
    expect(nodes.find((node) => node.readerAccountId === reader.accountId)).toMatchObject({ service: 'labor-insurance', readerCityId: 'central', operation: 'LaborAudit/bureauQueryRecords', rowCount: 3 });
    expect((await fixture.client.execute(READS, {}, official(fixture.platform, 'taipei', ['AUDITOR']).principal)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await expect(fixture.db.query(`update query_log.cross_city_read set row_count = 0`)).rejects.toThrow(/append-only/);
  });
});

describe('report aggregates', () => {
  const CATEGORY_COUNTS = `query ($groupBy: [QueryCountDimension!]!, $filter: QueryCountFilter) { queryCounts(groupBy: $groupBy, filter: $filter) { total rows { cityId purposeCategory month count } } }`;

  it('counts by purpose category (社政, 警政 …), for a city and across cities, with and without whole months', async () => {
    const auditor = official(fixture.platform, 'taipei', ['AUDITOR']).principal;
    const city = await fixture.client.execute(CATEGORY_COUNTS, { groupBy: ['PURPOSE_CATEGORY'] }, auditor);
    expect(city.errors).toBeUndefined();
    expect(city.data.queryCounts).toEqual({
      total: 3,
      rows: [
        { cityId: null, purposeCategory: 'SOCIAL', month: null, count: 2 },
        { cityId: null, purposeCategory: null, month: null, count: 1 },
      ],
    });
    const labor = await fixture.client.execute(CATEGORY_COUNTS, { groupBy: ['CITY', 'PURPOSE_CATEGORY'] }, bureau('labor-insurance'));
    expect(labor.data.queryCounts.rows).toEqual([
      { cityId: 'taipei', purposeCategory: 'SOCIAL', month: null, count: 2 },
      { cityId: 'taipei', purposeCategory: null, month: null, count: 1 },
      { cityId: 'taoyuan', purposeCategory: 'POLICE', month: null, count: 1 },
      { cityId: 'taoyuan', purposeCategory: 'SOCIAL', month: null, count: 1 },
    ]);
    // Whole Taiwan months would be counted from the roll-up, which keeps no category: the register answers instead.
    const months = { from: '2026-01-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' };
    const health = await fixture.client.execute(CATEGORY_COUNTS, { groupBy: ['PURPOSE_CATEGORY', 'MONTH'], filter: months }, bureau('health-insurance'));
    expect(health.data.queryCounts).toEqual({
      total: 3,
      rows: [
        { cityId: null, purposeCategory: 'HEALTH', month: '2026-01', count: 1 },
        { cityId: null, purposeCategory: 'HEALTH', month: '2026-02', count: 1 },
        { cityId: null, purposeCategory: 'OTHER', month: '2026-03', count: 1 },
      ],
    });
  });

  it('counts a city’s queries by month and item in one query, for the city’s auditor', async () => {
    const auditor = official(fixture.platform, 'taipei', ['AUDITOR']).principal;
    const result = await fixture.client.execute(COUNTS, { groupBy: ['MONTH', 'ITEM'] }, auditor);
    expect(result.errors).toBeUndefined();
    expect(result.data.queryCounts.total).toBe(3);
    expect(result.data.queryCounts.rows).toEqual([
      { cityId: null, agencyId: null, unitId: null, itemKey: LABOR_B, purpose: null, month: '2026-01', count: 1 },
      { cityId: null, agencyId: null, unitId: null, itemKey: LABOR, purpose: null, month: '2026-01', count: 1 },
      { cityId: null, agencyId: null, unitId: null, itemKey: LABOR, purpose: null, month: '2026-02', count: 1 },
    ]);
    const byPurpose = await fixture.client.execute(COUNTS, { groupBy: ['PURPOSE', 'AGENCY', 'UNIT'], filter: { from: '2026-01-15T00:00:00Z' } }, auditor);
    expect(byPurpose.data.queryCounts.rows).toEqual([
      { cityId: null, agencyId: agencyOf.taipei, unitId: unitOf.taipei, itemKey: null, purpose: '社會救助資格審核', month: null, count: 1 },
      { cityId: null, agencyId: agencyOf.taipei, unitId: unitOf.taipei, itemKey: null, purpose: '身心障礙補助', month: null, count: 1 },
    ]);
    expect((await fixture.client.execute(COUNTS, { groupBy: ['CITY'] }, official(fixture.platform, 'taipei', ['CASEWORKER']).principal)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('counts across cities by city for a bureau, its own service only, and logs the read', async () => {
    const reader = bureau('health-insurance');
    const result = await fixture.client.execute(COUNTS, { groupBy: ['CITY'] }, reader);
    expect(result.data.queryCounts.rows.map((row: { cityId: string; count: number }) => [row.cityId, row.count])).toEqual([['tainan', 2], ['taoyuan', 1]]);
    const logged = (await fixture.db.query(`select city_id, row_count from query_log.cross_city_read where reader_account_id = $1 order by city_id`, [reader.accountId])).rows;
    expect(logged).toEqual([{ city_id: 'changhua', row_count: 0 }, { city_id: 'tainan', row_count: 2 }, { city_id: 'taipei', row_count: 0 }, { city_id: 'taoyuan', row_count: 1 }]);
    const byMonth = await fixture.client.execute(COUNTS, { groupBy: ['MONTH'], filter: { cityIds: ['tainan'] } }, reader);
    expect(byMonth.data.queryCounts.rows.map((row: { month: string; count: number }) => [row.month, row.count])).toEqual([['2026-01', 1], ['2026-03', 1]]);
  });
});

describe('who looked at my data', () => {
  it('lists every recorded query of the citizen in the city, names no official, and is itself logged', async () => {
    const officer = official(fixture.platform, 'taipei', ['AGENCY_ADMIN']);
    const result = await fixture.client.execute(SUBJECT, { input: { subjectKind: 'NATIONAL_ID', subject: CITIZEN, requestReference: 'DSR-2026-001' } }, officer.principal);
    expect(result.errors).toBeUndefined();
    const report = result.data.produceDataSubjectReport;
    expect(report).toMatchObject({ recordCount: 2, subjectMasked: 'A12*****89', requestReference: 'DSR-2026-001' });
    expect(report.entries.map((entry: { itemKey: string; purpose: string }) => [entry.itemKey, entry.purpose])).toEqual([[LABOR, '社會救助資格審核'], [LABOR_B, '身心障礙補助']]);
    expect(report.entries[0]).toMatchObject({ agencyId: agencyOf.taipei, unitId: unitOf.taipei, caseNumber: 'CASE-1' });
    expect(JSON.stringify(report)).not.toMatch(/account/i);
    const logged = (await fixture.db.query(`select * from query_log.subject_report where produced_by = $1`, [officer.accountId])).rows;
    expect(logged).toMatchObject([{ city_id: 'taipei', request_reference: 'DSR-2026-001', record_count: 2 }]);
    expect(JSON.stringify(logged)).not.toContain(CITIZEN);
    // Another city's register is not searched; a caseworker may not produce one; a bad ID is refused.
    const tainan = await fixture.client.execute(SUBJECT, { input: { subject: CITIZEN, requestReference: 'X' } }, official(fixture.platform, 'tainan', ['TOP_ADMIN']).principal);
    expect(tainan.data.produceDataSubjectReport.recordCount).toBe(1);
    expect((await fixture.client.execute(SUBJECT, { input: { subject: CITIZEN, requestReference: 'X' } }, official(fixture.platform, 'taipei', ['CASEWORKER']).principal)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await fixture.client.execute(SUBJECT, { input: { subject: 'A123456788', requestReference: 'X' } }, officer.principal)).errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_NATIONAL_ID', field: 'subject' });
  });
});

describe('row-level security alone enforces the city list and the service', () => {
  it('the app role with only app.city_ids + app.service sees just those rows and can insert no record', async () => {
    const url = new URL(fixture.config.SUBGRAPH_DATABASE_URL);
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`select set_config('app.city_ids', 'taipei,tainan', true), set_config('app.service', 'labor-insurance', true)`);
      const rows = (await client.query(`select city_id, item_key from query_log.query_record`)).rows;
      expect(rows.map((row) => row.city_id).sort()).toEqual(['taipei', 'taipei', 'taipei']);
      await expect(
        client.query(`insert into query_log.query_record (id, city_id, sequence, account_id, agency_id, item_key, case_number, purpose, subject_hash, subject_masked, queried_at, previous_hash, record_hash)
          values ($1, 'taipei', 999, $1, $1, $2, 'X', 'x', $3, 'x', now(), $3, $3)`, [randomUUID(), LABOR, hex(1)]),
      ).rejects.toThrow(/row-level security/);
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      await client.query(`select set_config('app.city_ids', '', true), set_config('app.service', 'labor-insurance', true)`);
      expect((await client.query(`select count(*)::int as n from query_log.query_record`)).rows[0].n).toBe(0);
      await client.query('ROLLBACK');
      expect((await client.query(`select count(*)::int as n from query_log.query_record`)).rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });
});
