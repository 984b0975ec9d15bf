import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrincipal, dataOf, errorCode, startAuditFixture, type AuditFixture, type TestPrincipal } from '../testing/audit-fixture';

/**
 * Issue 9: findingCounts and overdueTaskCounts for a central agency: the cities of its reach, its own
 * service only, grouped by city, each read logged per city. A city's callers keep their own city.
 */
const ALL = ['changhua', 'taipei', 'tainan', 'taoyuan'];
const officer = (service: 'labor-insurance' | 'health-insurance', cityIds = ALL, extra: Record<string, unknown> = {}) =>
  ({ ...buildPrincipal('central', ['BUREAU_OFFICER']), crossCity: { cityIds, service }, ...extra }) as unknown as TestPrincipal;

const FINDINGS = `query LaborFindingCounts($filter: FindingCountFilter) { findingCounts(filter: $filter) { cityId ruleId severity count unresolved } }`;
const OVERDUE = `query LaborOverdue($filter: OverdueTaskCountFilter) { overdueTaskCounts(filter: $filter) { cityId obligationId ownerRole count oldestDueOn } }`;
const READS = `query { auditCrossCityReads(first: 200) { nodes { cityId service readerAccountId operation rowCount } } }`;

let f: AuditFixture;
let n = 0;

async function finding(cityId: string, service: string | null, rule: string, severity: string, status: string) {
  const scan = randomUUID();
  await f.db.query(`INSERT INTO audit.anomaly_scan (id, city_id, period_start, period_end, rules, scanned_at) VALUES ($1, $2, '2026-01-01', '2026-01-31', '{}', now())`, [scan, cityId]);
  const id = randomUUID();
  await f.db.query(
    `INSERT INTO audit.finding (id, city_id, rule_id, severity, fingerprint, window_start, window_end, record_count, record_ids, summary, rule_version_id, citation, scan_id, detected_at, status, service)
     VALUES ($1, $2, $3, $4, $5, now(), now(), 1, ARRAY[$1]::uuid[], 's', 'v', 'c', $6, '2026-01-05T00:00:00Z', $7, $8)`,
    [id, cityId, rule, severity, `f${++n}`, scan, status, service],
  );
}

async function task(cityId: string, service: string | null, obligation: string, ownerRole: string, due: string, done = false) {
  await f.db.query(
    `INSERT INTO audit.compliance_task (id, city_id, obligation_id, title, citation, owner_role, period_start, due_on, completed_at, service)
     VALUES ($1, $2, $3, 'title', 'c', $4, $5, $5, $6, $7)`,
    [randomUUID(), cityId, obligation, ownerRole, due, done ? new Date() : null, service],
  );
}

beforeAll(async () => {
  f = await startAuditFixture();
  await finding('taoyuan', 'labor-insurance', 'outside-office-hours', 'medium', 'open');
  await finding('taoyuan', 'labor-insurance', 'outside-office-hours', 'medium', 'closed');
  await finding('taoyuan', 'labor-insurance', 'subject-many-users', 'high', 'investigating');
  await finding('changhua', 'labor-insurance', 'outside-office-hours', 'low', 'open');
  await finding('tainan', 'health-insurance', 'outside-office-hours', 'high', 'open');
  // Of no known service: no bureau counts it; the city does.
  await finding('taoyuan', null, 'bulk-queries', 'high', 'open');

  await task('taoyuan', 'labor-insurance', 'monthly-register', 'AGENCY_ADMIN', '2001-01-10');
  await task('taoyuan', 'labor-insurance', 'monthly-register', 'AGENCY_ADMIN', '2001-02-10');
  await task('taoyuan', 'labor-insurance', 'monthly-register', 'AGENCY_ADMIN', '2001-03-10', true);
  await task('taoyuan', 'labor-insurance', 'half-year-audit', 'AUDITOR', '2001-06-30');
  await task('taoyuan', 'labor-insurance', 'future', 'AUDITOR', '2999-01-10');
  await task('changhua', 'labor-insurance', 'monthly-register', 'AGENCY_ADMIN', '2001-01-05');
  await task('tainan', 'health-insurance', 'monthly-register', 'AGENCY_ADMIN', '2001-01-10');
  await task('taoyuan', null, 'legacy', 'TOP_ADMIN', '2001-01-01');
}, 120_000);

afterAll(async () => {
  await f?.stop();
});

describe('findingCounts across cities', () => {
  it('the labor bureau counts its cities’ labor-insurance findings by city, rule and severity; the NHI only its own', async () => {
    expect(dataOf(await f.execute(FINDINGS, {}, officer('labor-insurance'))).findingCounts).toEqual([
      { cityId: 'changhua', ruleId: 'outside-office-hours', severity: 'low', count: 1, unresolved: 1 },
      { cityId: 'taoyuan', ruleId: 'subject-many-users', severity: 'high', count: 1, unresolved: 1 },
      { cityId: 'taoyuan', ruleId: 'outside-office-hours', severity: 'medium', count: 2, unresolved: 1 },
    ]);
    expect(dataOf(await f.execute(FINDINGS, { filter: { cityIds: ['taoyuan'], status: 'open' } }, officer('labor-insurance'))).findingCounts).toEqual([
      { cityId: 'taoyuan', ruleId: 'outside-office-hours', severity: 'medium', count: 1, unresolved: 1 },
    ]);
    expect(dataOf(await f.execute(FINDINGS, {}, officer('health-insurance'))).findingCounts).toEqual([
      { cityId: 'tainan', ruleId: 'outside-office-hours', severity: 'high', count: 1, unresolved: 1 },
    ]);
    expect(dataOf(await f.execute(FINDINGS, { filter: { cityIds: ['taoyuan'] } }, officer('health-insurance'))).findingCounts).toEqual([]);
  });

  it('a reporting token counts too; a city outside the reach is FORBIDDEN', async () => {
    const token = officer('labor-insurance', ['taoyuan'], { readOnly: true });
    expect(dataOf(await f.execute(FINDINGS, {}, token)).findingCounts.map((row: { cityId: string }) => row.cityId)).toEqual(['taoyuan', 'taoyuan']);
    expect(errorCode(await f.execute(FINDINGS, { filter: { cityIds: ['changhua'] } }, token))).toBe('FORBIDDEN');
  });

  it('a city’s auditor still counts all of its own city’s findings, and may not name another city', async () => {
    const auditor = buildPrincipal('taoyuan', ['AUDITOR']);
    expect(dataOf(await f.execute(FINDINGS, {}, auditor)).findingCounts).toEqual([
      { cityId: 'taoyuan', ruleId: 'bulk-queries', severity: 'high', count: 1, unresolved: 1 },
      { cityId: 'taoyuan', ruleId: 'subject-many-users', severity: 'high', count: 1, unresolved: 1 },
      { cityId: 'taoyuan', ruleId: 'outside-office-hours', severity: 'medium', count: 2, unresolved: 1 },
    ]);
    expect(dataOf(await f.execute(FINDINGS, { filter: { cityIds: ['taoyuan'] } }, auditor)).findingCounts).toHaveLength(3);
    expect(errorCode(await f.execute(FINDINGS, { filter: { cityIds: ['tainan'] } }, auditor))).toBe('FORBIDDEN');
    expect(errorCode(await f.execute(FINDINGS, {}, buildPrincipal('taoyuan', ['CASEWORKER'])))).toBe('FORBIDDEN');
  });
});

describe('overdueTaskCounts across cities', () => {
  it('the labor bureau counts the overdue open tasks of labor-insurance obligations by city; the NHI only its own', async () => {
    expect(dataOf(await f.execute(OVERDUE, {}, officer('labor-insurance'))).overdueTaskCounts).toEqual([
      { cityId: 'changhua', obligationId: 'monthly-register', ownerRole: 'AGENCY_ADMIN', count: 1, oldestDueOn: '2001-01-05' },
      { cityId: 'taoyuan', obligationId: 'monthly-register', ownerRole: 'AGENCY_ADMIN', count: 2, oldestDueOn: '2001-01-10' },
      { cityId: 'taoyuan', obligationId: 'half-year-audit', ownerRole: 'AUDITOR', count: 1, oldestDueOn: '2001-06-30' },
    ]);
    expect(dataOf(await f.execute(OVERDUE, { filter: { cityIds: ['changhua'] } }, officer('labor-insurance'))).overdueTaskCounts).toHaveLength(1);
    expect(dataOf(await f.execute(OVERDUE, {}, officer('health-insurance'))).overdueTaskCounts).toEqual([
      { cityId: 'tainan', obligationId: 'monthly-register', ownerRole: 'AGENCY_ADMIN', count: 1, oldestDueOn: '2001-01-10' },
    ]);
  });

  it('a city’s top admin still counts every overdue task of its city (of any service or none)', async () => {
    const admin = buildPrincipal('taoyuan', ['TOP_ADMIN']);
    expect(dataOf(await f.execute(OVERDUE, {}, admin)).overdueTaskCounts).toEqual([
      { cityId: 'taoyuan', obligationId: 'monthly-register', ownerRole: 'AGENCY_ADMIN', count: 2, oldestDueOn: '2001-01-10' },
      { cityId: 'taoyuan', obligationId: 'half-year-audit', ownerRole: 'AUDITOR', count: 1, oldestDueOn: '2001-06-30' },
      { cityId: 'taoyuan', obligationId: 'legacy', ownerRole: 'TOP_ADMIN', count: 1, oldestDueOn: '2001-01-01' },
    ]);
    expect(errorCode(await f.execute(OVERDUE, { filter: { cityIds: ['changhua'] } }, admin))).toBe('FORBIDDEN');
  });
});

describe('the read log of the counts', () => {
  it('holds one row per city read with how many of its rows were counted', async () => {
    const reader = officer('labor-insurance', ['changhua', 'taipei', 'taoyuan']) as TestPrincipal & { accountId: string };
    dataOf(await f.execute(FINDINGS, {}, reader));
    dataOf(await f.execute(OVERDUE, {}, reader));
    const byOperation = (a: { operation: string }, b: { operation: string }) => a.operation.localeCompare(b.operation);
    const expected: Record<string, Array<[string, number]>> = {
      taoyuan: [['LaborFindingCounts/findingCounts', 3], ['LaborOverdue/overdueTaskCounts', 3]],
      changhua: [['LaborFindingCounts/findingCounts', 1], ['LaborOverdue/overdueTaskCounts', 1]],
      taipei: [['LaborFindingCounts/findingCounts', 0], ['LaborOverdue/overdueTaskCounts', 0]],
    };
    for (const [cityId, reads] of Object.entries(expected)) {
      const nodes = dataOf(await f.execute(READS, {}, buildPrincipal(cityId, ['TOP_ADMIN']))).auditCrossCityReads.nodes;
      const mine = nodes.filter((node: { readerAccountId: string }) => node.readerAccountId === reader.accountId).sort(byOperation);
      expect(mine.map((node: { cityId: string; service: string; operation: string; rowCount: number }) => [node.cityId, node.service, node.operation, node.rowCount])).toEqual(
        reads.map(([operation, rowCount]) => [cityId, 'labor-insurance', operation, rowCount]),
      );
    }
    // Tainan was not read.
    const tainan = dataOf(await f.execute(READS, {}, buildPrincipal('tainan', ['TOP_ADMIN']))).auditCrossCityReads.nodes;
    expect(tainan.filter((node: { readerAccountId: string }) => node.readerAccountId === reader.accountId)).toEqual([]);
  });
});

describe('row-level security alone', () => {
  it('a cross-city session sees the open tasks of its cities and service only, and completes none', async () => {
    const client = new pg.Client({ connectionString: f.db.appUrl('audit') });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`select set_config('app.city_ids', 'taoyuan,tainan', true), set_config('app.service', 'labor-insurance', true)`);
      const rows = (await client.query(`select city_id, obligation_id, service, completed_at from audit.compliance_task order by due_on`)).rows;
      // Taoyuan's four open labor-insurance tasks; not the completed one, not the one of no service, nothing of Tainan's health insurance.
      expect(rows.map((row) => row.obligation_id)).toEqual(['monthly-register', 'monthly-register', 'half-year-audit', 'future']);
      expect(rows.every((row) => row.city_id === 'taoyuan' && row.service === 'labor-insurance' && row.completed_at === null)).toBe(true);
      expect((await client.query(`update audit.compliance_task set completed_at = now() returning id`)).rowCount).toBe(0);
      await client.query(`select set_config('app.city_ids', '', true)`);
      expect((await client.query(`select count(*)::int as n from audit.compliance_task`)).rows[0].n).toBe(0);
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
  });
});
