import { demoAgencyId, demoUsers } from '@custos/demo';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { tokenOf } from '../query-log/query-log-helpers';
import { gql, login } from '../support/gateway-client';
import { ownerQuery, platform } from '../support/platform';
import { ruleVersionOf } from '../support/rule-versions';

/**
 * Issue 9 through the gateway: the report aggregates findingCounts, overdueTaskCounts (audit) and
 * grantCounts (permissions) answer a bureau officer across the cities of its reach, of its own
 * service only, grouped by city, each read logged per city; a city's callers keep their own city;
 * a bureau's reporting token reads them too. And a bureau's audit request names an agency of the
 * city asked, or is refused (UNKNOWN_AGENCY) with nothing written.
 */
const FINDINGS = `query AggregateFindings($filter: FindingCountFilter) { findingCounts(filter: $filter) { cityId ruleId severity count unresolved } }`;
const OVERDUE = `query AggregateOverdue($filter: OverdueTaskCountFilter) { overdueTaskCounts(filter: $filter) { cityId obligationId ownerRole count oldestDueOn } }`;
const GRANTS = `query AggregateGrants($cityIds: [ID!]) { grantCounts(cityIds: $cityIds) { cityId itemKey agencies users } }`;
const AUDIT_READS = `query { auditCrossCityReads(first: 200) { nodes { cityId readerAccountId operation rowCount service } } }`;
const REQUEST_AUDIT = `mutation ($input: RequestBureauAuditInput!) { requestBureauAudit(input: $input) { id cityId agencyId taskId } }`;

const ALL = ['changhua', 'tainan', 'taipei', 'taoyuan'];
const user = (username: string) => platform().demo.users.find((candidate) => candidate.username === username)!;
const demo = (username: string) => demoUsers.find((candidate) => candidate.username === username)!;
// This run's own findings (a window nothing else uses) and obligations (a name nothing else uses).
const window = { from: '2014-02-01T00:00:00Z', to: '2014-03-01T00:00:00Z' };
const tag = `e2e-aggregates-${randomUUID().slice(0, 8)}`;
const obligation = (name: string) => `${tag}-${name}`;

let labor: string;
let nhi: string;
let since: Date;

async function seedFinding(cityId: string, service: string, rule: string, severity: string, status: string) {
  const scan = randomUUID();
  const id = randomUUID();
  await ownerQuery(`INSERT INTO audit.anomaly_scan (id, city_id, period_start, period_end, rules, scanned_at) VALUES ($1, $2, '2014-02-01', '2014-02-28', '{}', now())`, [scan, cityId]);
  await ownerQuery(
    `INSERT INTO audit.finding (id, city_id, rule_id, severity, fingerprint, window_start, window_end, record_count, record_ids, summary, rule_version_id, citation, scan_id, detected_at, status, service)
     VALUES ($1, $2, $3, $4, $5, '2014-02-05T01:00:00Z', '2014-02-05T02:00:00Z', 1, ARRAY[$1]::uuid[], 's', $9, 'c', $6, '2014-02-10T00:00:00Z', $7, $8)`,
    [id, cityId, rule, severity, `${tag}-${id}`, scan, status, service, ruleVersionOf(cityId, service)],
  );
}

async function seedTask(cityId: string, service: string, name: string, ownerRole: string, dueOn: string, done = false) {
  await ownerQuery(
    `INSERT INTO audit.compliance_task (id, city_id, obligation_id, title, citation, owner_role, period_start, due_on, completed_at, service)
     VALUES ($1, $2, $3, 'e2e', 'c', $4, $5, $5, $6, $7)`,
    [randomUUID(), cityId, obligation(name), ownerRole, dueOn, done ? new Date() : null, service],
  );
}

/** The owner's count (no row-level security) of the overdue open tasks of a service, as the aggregate orders them. */
async function ownerOverdue(service: string, cityIds: string[]) {
  return ownerQuery(
    `SELECT city_id AS "cityId", obligation_id AS "obligationId", owner_role AS "ownerRole", count(*)::int AS count, to_char(min(due_on), 'YYYY-MM-DD') AS "oldestDueOn"
       FROM audit.compliance_task WHERE city_id = ANY ($1) AND service = $2 AND completed_at IS NULL AND due_on < (now() AT TIME ZONE 'Asia/Taipei')::date
      GROUP BY 1, 2, 3 ORDER BY 1, count(*) DESC, 2, 3`,
    [cityIds, service],
  );
}

/** The owner's count of the grants in force of a service, by city and item. */
async function ownerGrants(service: string, cityIds: string[]) {
  const inForce = `city_id = ANY ($1) AND split_part(item_key, ':', 1) = $2 AND granted_at <= now() AND (revoked_at IS NULL OR revoked_at > now())`;
  return ownerQuery(
    `WITH a AS (SELECT city_id, item_key, count(DISTINCT agency_id)::int AS n FROM permissions.agency_grant WHERE ${inForce} GROUP BY 1, 2),
          u AS (SELECT city_id, item_key, count(DISTINCT account_id)::int AS n FROM permissions.user_grant WHERE ${inForce} GROUP BY 1, 2)
     SELECT coalesce(a.city_id, u.city_id) AS "cityId", coalesce(a.item_key, u.item_key) AS "itemKey", coalesce(a.n, 0) AS agencies, coalesce(u.n, 0) AS users
       FROM a FULL JOIN u ON u.city_id = a.city_id AND u.item_key = a.item_key ORDER BY 1, 2`,
    [cityIds, service],
  );
}

beforeAll(async () => {
  since = new Date(Date.now() - 1000);
  await seedFinding('taoyuan', 'labor-insurance', 'outside-office-hours', 'medium', 'open');
  await seedFinding('taoyuan', 'labor-insurance', 'outside-office-hours', 'medium', 'closed');
  await seedFinding('taoyuan', 'labor-insurance', 'subject-many-users', 'high', 'investigating');
  await seedFinding('changhua', 'labor-insurance', 'outside-office-hours', 'low', 'open');
  await seedFinding('tainan', 'health-insurance', 'outside-office-hours', 'high', 'open');
  await seedTask('taoyuan', 'labor-insurance', 'register', 'AGENCY_ADMIN', '2014-01-10');
  await seedTask('taoyuan', 'labor-insurance', 'register', 'AGENCY_ADMIN', '2014-02-10');
  await seedTask('taoyuan', 'labor-insurance', 'register', 'AGENCY_ADMIN', '2014-03-10', true);
  await seedTask('changhua', 'labor-insurance', 'register', 'AGENCY_ADMIN', '2014-01-05');
  await seedTask('tainan', 'health-insurance', 'register', 'AGENCY_ADMIN', '2014-01-10');
  labor = await login(user('central.labor'));
  nhi = await login(user('central.nhi'));
});

describe('report aggregates across cities (a bureau officer)', () => {
  it('findingCounts: the labor bureau counts its cities’ labor-insurance findings by city; the NHI only Tainan’s health-insurance ones', async () => {
    const result = await gql(FINDINGS, { filter: window }, labor);
    expect(result.errors).toBeUndefined();
    expect(result.data.findingCounts).toEqual([
      { cityId: 'changhua', ruleId: 'outside-office-hours', severity: 'low', count: 1, unresolved: 1 },
      { cityId: 'taoyuan', ruleId: 'subject-many-users', severity: 'high', count: 1, unresolved: 1 },
      { cityId: 'taoyuan', ruleId: 'outside-office-hours', severity: 'medium', count: 2, unresolved: 1 },
    ]);
    expect((await gql(FINDINGS, { filter: { ...window, cityIds: ['changhua'] } }, labor)).data.findingCounts).toEqual([
      { cityId: 'changhua', ruleId: 'outside-office-hours', severity: 'low', count: 1, unresolved: 1 },
    ]);
    expect((await gql(FINDINGS, { filter: window }, nhi)).data.findingCounts).toEqual([{ cityId: 'tainan', ruleId: 'outside-office-hours', severity: 'high', count: 1, unresolved: 1 }]);
    expect((await gql(FINDINGS, { filter: { ...window, cityIds: ['taoyuan', 'changhua'] } }, nhi)).data.findingCounts).toEqual([]);
  });

  it('overdueTaskCounts: tasks of the bureau’s service only, by city', async () => {
    const result = await gql(OVERDUE, {}, labor);
    expect(result.errors).toBeUndefined();
    const rows = result.data.overdueTaskCounts as Array<{ cityId: string; obligationId: string }>;
    expect(rows.filter((row) => row.obligationId.startsWith(tag))).toEqual([
      { cityId: 'changhua', obligationId: obligation('register'), ownerRole: 'AGENCY_ADMIN', count: 1, oldestDueOn: '2014-01-05' },
      { cityId: 'taoyuan', obligationId: obligation('register'), ownerRole: 'AGENCY_ADMIN', count: 2, oldestDueOn: '2014-01-10' },
    ]);
    expect(rows).toEqual(await ownerOverdue('labor-insurance', ALL));
    const health = (await gql(OVERDUE, {}, nhi)).data.overdueTaskCounts as Array<{ cityId: string; obligationId: string }>;
    expect(health.filter((row) => row.obligationId.startsWith(tag))).toEqual([
      { cityId: 'tainan', obligationId: obligation('register'), ownerRole: 'AGENCY_ADMIN', count: 1, oldestDueOn: '2014-01-10' },
    ]);
    expect(health).toEqual(await ownerOverdue('health-insurance', ALL));
  });

  it('grantCounts: the grants in force of the bureau’s service in its cities, by city and item', async () => {
    const result = await gql(GRANTS, {}, labor);
    expect(result.errors).toBeUndefined();
    const expected = await ownerGrants('labor-insurance', ALL);
    expect(new Set(expected.map((row) => row.cityId))).toEqual(new Set(['changhua', 'taipei', 'taoyuan']));
    expect(result.data.grantCounts).toEqual(expected);
    const health = (await gql(GRANTS, {}, nhi)).data.grantCounts as Array<{ cityId: string; itemKey: string }>;
    expect(health).toEqual(await ownerGrants('health-insurance', ALL));
    expect(health.every((row) => row.cityId === 'tainan' && row.itemKey.startsWith('health-insurance:'))).toBe(true);
  });

  it('every count is a read of each city in the read logs, with how many of its rows were counted', async () => {
    const reader = demo('central.labor').accountId;
    const audit = await ownerQuery(
      `SELECT city_id, operation, row_count, service FROM audit.cross_city_read WHERE reader_account_id = $1 AND read_at >= $2 AND operation = 'AggregateFindings/findingCounts' ORDER BY read_at, city_id`,
      [reader, since],
    );
    // The first (unfiltered) findings count read every city of the reach.
    expect(audit.slice(0, 4).map((row) => [row.city_id, row.row_count, row.service])).toEqual([
      ['changhua', 1, 'labor-insurance'],
      ['tainan', 0, 'labor-insurance'],
      ['taipei', 0, 'labor-insurance'],
      ['taoyuan', 3, 'labor-insurance'],
    ]);
    const overdue = await ownerQuery(`SELECT count(DISTINCT city_id)::int AS n FROM audit.cross_city_read WHERE reader_account_id = $1 AND read_at >= $2 AND operation = 'AggregateOverdue/overdueTaskCounts'`, [reader, since]);
    expect(overdue[0].n).toBe(4);
    const grants = await ownerQuery(`SELECT city_id, row_count FROM permissions.cross_city_read WHERE reader_account_id = $1 AND read_at >= $2 AND operation = 'AggregateGrants/grantCounts' ORDER BY city_id`, [reader, since]);
    const held = await ownerGrants('labor-insurance', ALL);
    expect(grants.map((row) => [row.city_id, row.row_count])).toEqual(
      ALL.map((cityId) => [cityId, held.filter((row) => row.cityId === cityId).reduce((sum, row) => sum + row.agencies + row.users, 0)]),
    );
    // Taoyuan's top admin lists the reads of Taoyuan.
    const reads = await gql(AUDIT_READS, {}, await tokenOf('taoyuan', 'TOP_ADMIN'));
    const mine = reads.data.auditCrossCityReads.nodes.filter((node: { readerAccountId: string; operation: string }) => node.readerAccountId === reader && node.operation === 'AggregateFindings/findingCounts');
    expect(mine.length).toBeGreaterThanOrEqual(1);
    expect(mine.every((node: { cityId: string }) => node.cityId === 'taoyuan')).toBe(true);
  });

  it('a city’s auditor keeps its own city, and is refused another', async () => {
    const auditor = await tokenOf('taoyuan', 'AUDITOR');
    const findings = await gql(FINDINGS, { filter: window }, auditor);
    expect(findings.errors).toBeUndefined();
    expect(findings.data.findingCounts).toEqual([
      { cityId: 'taoyuan', ruleId: 'subject-many-users', severity: 'high', count: 1, unresolved: 1 },
      { cityId: 'taoyuan', ruleId: 'outside-office-hours', severity: 'medium', count: 2, unresolved: 1 },
    ]);
    const grants = (await gql(GRANTS, {}, auditor)).data.grantCounts as Array<{ cityId: string }>;
    expect(grants.length).toBeGreaterThan(0);
    expect(grants.every((row) => row.cityId === 'taoyuan')).toBe(true);
    expect((await gql(OVERDUE, {}, await tokenOf('taoyuan', 'TOP_ADMIN'))).data.overdueTaskCounts.every((row: { cityId: string }) => row.cityId === 'taoyuan')).toBe(true);
    for (const [query, variables] of [[FINDINGS, { filter: { cityIds: ['changhua'] } }], [OVERDUE, { filter: { cityIds: ['changhua'] } }], [GRANTS, { cityIds: ['changhua'] }]] as const) {
      expect((await gql(query, variables, auditor)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('a bureau’s reporting token', () => {
  it('reads the three aggregates across its two cities, and is refused a third', async () => {
    const admin = await login(user('central.admin'));
    const created = await gql(
      `mutation ($input: CreateServiceAccountInput!) { createServiceAccount(input: $input) { id } }`,
      { input: { name: `aggregates-${tag}`, responsiblePersonId: demo('central.labor').personId, agencyId: demoAgencyId('central', 'labor-bureau'), roles: ['BUREAU_OFFICER'], reason: 'report aggregates' } },
      admin,
    );
    expect(created.errors).toBeUndefined();
    const issued = await gql(
      `mutation ($input: IssueApiTokenInput!) { issueApiToken(input: $input) { token } }`,
      { input: { serviceAccountId: created.data.createServiceAccount.id, name: 'aggregates', scopes: ['BUREAU_OFFICER'], reason: 'tool', readCityIds: ['taoyuan', 'changhua'], readService: 'labor-insurance' } },
      admin,
    );
    expect(issued.errors).toBeUndefined();
    const access = (await gql(`mutation ($token: String!) { exchangeApiToken(token: $token) { accessToken } }`, { token: issued.data.issueApiToken.token })).data.exchangeApiToken.accessToken;
    const findings = await gql(FINDINGS, { filter: window }, access);
    expect(findings.errors).toBeUndefined();
    expect(findings.data.findingCounts.map((row: { cityId: string; count: number }) => [row.cityId, row.count])).toEqual([['changhua', 1], ['taoyuan', 1], ['taoyuan', 2]]);
    expect((await gql(OVERDUE, {}, access)).data.overdueTaskCounts).toEqual(await ownerOverdue('labor-insurance', ['changhua', 'taoyuan']));
    expect((await gql(GRANTS, {}, access)).data.grantCounts).toEqual(await ownerGrants('labor-insurance', ['changhua', 'taoyuan']));
    expect((await gql(GRANTS, { cityIds: ['tainan'] }, access)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(FINDINGS, { filter: { cityIds: ['taipei'] } }, access)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('requestBureauAudit names an agency of the city asked', () => {
  it('refuses another city’s agency with UNKNOWN_AGENCY, writing nothing, and accepts the city’s own', async () => {
    const input = { cityId: 'taoyuan', periodStart: '2016-07-01', periodEnd: '2016-12-31', reason: `指定機關稽核 ${tag}`, dueOn: '2099-12-30' };
    const written = async () => (await ownerQuery(`SELECT count(*)::int AS n FROM audit.bureau_audit_request WHERE reason = $1`, [input.reason]))[0].n;
    const refused = await gql(REQUEST_AUDIT, { input: { ...input, agencyId: demoAgencyId('changhua', 'social') } }, labor);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_AGENCY', field: 'agencyId' });
    expect(refused.data ?? null).toBeNull();
    expect(await written()).toBe(0);
    const asked = await gql(REQUEST_AUDIT, { input: { ...input, agencyId: demoAgencyId('taoyuan', 'social') } }, labor);
    expect(asked.errors).toBeUndefined();
    expect(asked.data.requestBureauAudit).toMatchObject({ cityId: 'taoyuan', agencyId: demoAgencyId('taoyuan', 'social') });
    expect(await written()).toBe(1);
  });
});

describe('the seeded rows', () => {
  it('read in the city’s own lists as any of its findings and tasks do (the console shows them to every later test)', async () => {
    const auditor = await tokenOf('taoyuan', 'AUDITOR');
    const findings = await gql(`{ findings { id rule status severity citation } }`, {}, auditor);
    expect(findings.errors).toBeUndefined();
    expect(findings.data.findings.length).toBeGreaterThanOrEqual(3);
  });
});
