import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrincipal, dataOf, errorCode, startAuditFixture, type AuditFixture, type TestPrincipal } from '../testing/audit-fixture';

/** A test principal with the cross-city reach identity puts in a bureau officer's token. */
type Principal = TestPrincipal;

/**
 * Issue 9: a central agency's officer reads the cities' audits and findings of its own service,
 * each read logged for the cities' top admins; it asks a city to audit; nothing else.
 */
const ALL = ['changhua', 'taipei', 'tainan', 'taoyuan'];
const officer = (service: 'labor-insurance' | 'health-insurance', extra: Record<string, unknown> = {}) =>
  ({ ...buildPrincipal('central', ['BUREAU_OFFICER']), crossCity: { cityIds: ALL, service }, ...extra }) as unknown as Principal;
const labor = officer('labor-insurance');
const nhi = officer('health-insurance');

const FINDINGS = `query LaborFindings($filter: BureauFindingFilter, $first: Int, $after: String) {
  bureauFindings(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id cityId service rule severity status recordCount } } }`;
const AUDITS = `query LaborAudits($filter: BureauAuditFilter) {
  bureauAudits(filter: $filter) { totalCount nodes { id cityId service state sampleSize judgedRecords sample(first: 10) { position itemKey nonconforming } } } }`;
const READS = `query { auditCrossCityReads(first: 200) { totalCount nodes { cityId service readerAccountId operation rowCount } } }`;
const REQUEST = `mutation ($input: RequestBureauAuditInput!) { requestBureauAudit(input: $input) { id cityId service periodStart periodEnd reason dueOn taskId taskState } }`;

let f: AuditFixture;
const ids: Record<string, string> = {};

async function finding(key: string, cityId: string, service: string | null, severity: string, status: string, detectedAt: string) {
  const scan = randomUUID();
  await f.db.query(`INSERT INTO audit.anomaly_scan (id, city_id, period_start, period_end, rules, scanned_at) VALUES ($1, $2, '2026-01-01', '2026-01-31', '{}', now())`, [scan, cityId]);
  ids[key] = randomUUID();
  await f.db.query(
    `INSERT INTO audit.finding (id, city_id, rule_id, severity, fingerprint, window_start, window_end, record_count, record_ids, summary, rule_version_id, citation, scan_id, detected_at, status, service)
     VALUES ($1, $2, 'bulk-queries', $3, $4, '2026-01-05T01:00:00Z', '2026-01-05T02:00:00Z', 3, ARRAY[$1]::uuid[], 'bulk', 'v', 'c', $5, $6, $7, $8)`,
    [ids[key], cityId, severity, key, scan, detectedAt, status, service],
  );
}

async function audit(key: string, cityId: string, service: string, items: string[]) {
  ids[key] = randomUUID();
  await f.db.query(
    `INSERT INTO audit.audit (id, city_id, service, rule_version_id, method, sampling_citation, period_start, period_end, draw_method, seed, population_count, population_hash, sample_size, drawn_by, drawn_at)
     VALUES ($1, $2, $3, 'v', 'sample', 'c', '2026-01-01', '2026-01-31', 'md5-sorted-ids', $4, $5, $6, $5, $7, now())`,
    [ids[key], cityId, service, 'a'.repeat(32), items.length, 'b'.repeat(64), randomUUID()],
  );
  for (const [index, item] of items.entries()) {
    await f.db.query(
      `INSERT INTO audit.audit_sample (audit_id, city_id, position, query_record_id, sequence, queried_at, account_id, agency_id, item_key, draw_key)
       VALUES ($1, $2, $3::int, $4, $3::bigint, now(), $5, $6, $7, 'k')`,
      [ids[key], cityId, index + 1, randomUUID(), randomUUID(), randomUUID(), item],
    );
  }
}

beforeAll(async () => {
  f = await startAuditFixture();
  await finding('taoyuanHigh', 'taoyuan', 'labor-insurance', 'high', 'open', '2026-01-06T00:00:00Z');
  await finding('taoyuanLow', 'taoyuan', 'labor-insurance', 'low', 'closed', '2026-01-07T00:00:00Z');
  await finding('changhua', 'changhua', 'labor-insurance', 'medium', 'investigating', '2026-01-08T00:00:00Z');
  await finding('tainan', 'tainan', 'health-insurance', 'high', 'open', '2026-01-09T00:00:00Z');
  await finding('unknown', 'taoyuan', null, 'high', 'open', '2026-01-10T00:00:00Z');
  await audit('taoyuanAudit', 'taoyuan', 'labor-insurance', ['labor-insurance:C0101:unspecified', 'labor-insurance:B0101:unspecified']);
  await audit('tainanAudit', 'tainan', 'health-insurance', ['health-insurance:C0101:national-id']);
}, 120_000);

afterAll(async () => {
  await f?.stop();
});

describe('bureauFindings', () => {
  it('the labor bureau sees the labor-insurance findings of its cities, newest first, and no others', async () => {
    const page = dataOf(await f.execute(FINDINGS, { first: 50 }, labor)).bureauFindings;
    expect(page.nodes.map((n: { id: string }) => n.id)).toEqual([ids.changhua, ids.taoyuanLow, ids.taoyuanHigh]);
    expect(page.totalCount).toBe(3);
    expect(page.nodes.every((n: { service: string }) => n.service === 'labor-insurance')).toBe(true);
    const health = dataOf(await f.execute(FINDINGS, { first: 50 }, nhi)).bureauFindings;
    expect(health.nodes.map((n: { id: string }) => n.id)).toEqual([ids.tainan]);
  });

  it('filters by city, severity and state, and pages with a stable cursor', async () => {
    const high = dataOf(await f.execute(FINDINGS, { filter: { severities: ['HIGH'] } }, labor)).bureauFindings;
    expect(high.nodes.map((n: { id: string }) => n.id)).toEqual([ids.taoyuanHigh]);
    const open = dataOf(await f.execute(FINDINGS, { filter: { statuses: ['INVESTIGATING', 'CLOSED'], cityIds: ['taoyuan'] } }, labor)).bureauFindings;
    expect(open.nodes.map((n: { id: string }) => n.id)).toEqual([ids.taoyuanLow]);
    const first = dataOf(await f.execute(FINDINGS, { first: 2 }, labor)).bureauFindings;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = dataOf(await f.execute(FINDINGS, { first: 2, after: first.pageInfo.endCursor }, labor)).bureauFindings;
    expect(second.nodes.map((n: { id: string }) => n.id)).toEqual([ids.taoyuanHigh]);
    expect(second.pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) });
    const empty = dataOf(await f.execute(FINDINGS, { filter: { from: '2030-01-01' } }, labor)).bureauFindings;
    expect(empty).toMatchObject({ totalCount: 0, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
    expect(errorCode(await f.execute(FINDINGS, { after: 'bm9wZQ' }, labor))).toBe('INVALID_CURSOR');
  });

  it('is refused to a city’s own officials and for a city outside the reach', async () => {
    expect(errorCode(await f.execute(FINDINGS, {}, buildPrincipal('taoyuan', ['AUDITOR', 'TOP_ADMIN'])))).toBe('FORBIDDEN');
    const narrow = { ...buildPrincipal('central', ['BUREAU_OFFICER']), crossCity: { cityIds: ['taoyuan'], service: 'labor-insurance' } } as unknown as Principal;
    expect(errorCode(await f.execute(FINDINGS, { filter: { cityIds: ['changhua'] } }, narrow))).toBe('FORBIDDEN');
  });
});

describe('bureauAudits', () => {
  it('lists the audits of the bureau’s service with their state and sample, never another service’s', async () => {
    const page = dataOf(await f.execute(AUDITS, {}, labor)).bureauAudits;
    expect(page.nodes).toEqual([
      {
        id: ids.taoyuanAudit, cityId: 'taoyuan', service: 'labor-insurance', state: 'DRAWN', sampleSize: 2, judgedRecords: 0,
        sample: [
          { position: 1, itemKey: 'labor-insurance:C0101:unspecified', nonconforming: 0 },
          { position: 2, itemKey: 'labor-insurance:B0101:unspecified', nonconforming: 0 },
        ],
      },
    ]);
    expect(dataOf(await f.execute(AUDITS, { filter: { states: ['SIGNED_OFF'] } }, labor)).bureauAudits.totalCount).toBe(0);
    expect(dataOf(await f.execute(AUDITS, { filter: { periodFrom: '2026-02-01' } }, labor)).bureauAudits.totalCount).toBe(0);
    const health = dataOf(await f.execute(AUDITS, {}, nhi)).bureauAudits;
    expect(health.nodes.map((n: { id: string }) => n.id)).toEqual([ids.tainanAudit]);
  });
});

describe('bureauAudit', () => {
  const ONE = `query OneAudit($cityId: ID!, $id: ID!) { bureauAudit(cityId: $cityId, id: $id) { id cityId service state sampleSize sample(first: 1) { position itemKey } } }`;

  it('opens one audit of the bureau’s service by city and id, with its sample', async () => {
    expect(dataOf(await f.execute(ONE, { cityId: 'taoyuan', id: ids.taoyuanAudit }, labor)).bureauAudit).toEqual({
      id: ids.taoyuanAudit, cityId: 'taoyuan', service: 'labor-insurance', state: 'DRAWN', sampleSize: 2,
      sample: [{ position: 1, itemKey: 'labor-insurance:C0101:unspecified' }],
    });
  });

  it('is null for another service’s audit, another city’s, or none at all: existence is never revealed', async () => {
    expect(dataOf(await f.execute(ONE, { cityId: 'taoyuan', id: ids.taoyuanAudit }, nhi)).bureauAudit).toBeNull();
    expect(dataOf(await f.execute(ONE, { cityId: 'tainan', id: ids.tainanAudit }, labor)).bureauAudit).toBeNull();
    // The right id under a city it is not of.
    expect(dataOf(await f.execute(ONE, { cityId: 'changhua', id: ids.taoyuanAudit }, labor)).bureauAudit).toBeNull();
    expect(dataOf(await f.execute(ONE, { cityId: 'taoyuan', id: randomUUID() }, labor)).bureauAudit).toBeNull();
    // An audit of a city outside the reach, asked under a city within it.
    const narrow = { ...buildPrincipal('central', ['BUREAU_OFFICER']), crossCity: { cityIds: ['changhua'], service: 'health-insurance' } } as unknown as Principal;
    expect(dataOf(await f.execute(ONE, { cityId: 'changhua', id: ids.tainanAudit }, narrow)).bureauAudit).toBeNull();
  });

  it('is refused for a city outside the reach, to a city’s own officials, and for a malformed id', async () => {
    const narrow = { ...buildPrincipal('central', ['BUREAU_OFFICER']), crossCity: { cityIds: ['changhua'], service: 'labor-insurance' } } as unknown as Principal;
    expect(errorCode(await f.execute(ONE, { cityId: 'taoyuan', id: ids.taoyuanAudit }, narrow))).toBe('FORBIDDEN');
    expect(errorCode(await f.execute(ONE, { cityId: 'taoyuan', id: ids.taoyuanAudit }, buildPrincipal('taoyuan', ['AUDITOR', 'TOP_ADMIN'])))).toBe('FORBIDDEN');
    expect(errorCode(await f.execute(ONE, { cityId: 'taoyuan', id: 'nope' }, labor))).toBe('INVALID_ID');
  });

  it('logs each lookup in the city’s read log, found or not', async () => {
    const reader = officer('labor-insurance') as Principal & { accountId: string };
    await f.execute(ONE, { cityId: 'taoyuan', id: ids.taoyuanAudit }, reader);
    await f.execute(ONE, { cityId: 'taoyuan', id: randomUUID() }, reader);
    const reads = dataOf(await f.execute(READS, {}, buildPrincipal('taoyuan', ['TOP_ADMIN']))).auditCrossCityReads;
    const mine = reads.nodes.filter((n: { readerAccountId: string }) => n.readerAccountId === reader.accountId);
    expect(mine.map((n: { operation: string; rowCount: number }) => [n.operation, n.rowCount]).sort()).toEqual([
      ['OneAudit/BureauAudit.sample', 1],
      ['OneAudit/bureauAudit', 0],
      ['OneAudit/bureauAudit', 1],
    ].sort());
  });
});

describe('the read log', () => {
  it('holds every read, one row per city read, and a city’s top admin sees only its own city’s', async () => {
    const reader = { ...buildPrincipal('central', ['BUREAU_OFFICER']), crossCity: { cityIds: ['changhua', 'taoyuan'], service: 'labor-insurance' } } as unknown as Principal & { accountId: string };
    await f.execute(FINDINGS, { first: 50 }, reader);
    await f.execute(AUDITS, {}, reader);
    const reads = dataOf(await f.execute(READS, {}, buildPrincipal('taoyuan', ['TOP_ADMIN']))).auditCrossCityReads;
    // Reads of one request share their instant; their order among themselves is the id's, so compare by operation.
    const byOperation = (a: { operation: string }, b: { operation: string }) => a.operation.localeCompare(b.operation);
    const mine = reads.nodes.filter((n: { readerAccountId: string }) => n.readerAccountId === reader.accountId).sort(byOperation);
    expect(mine).toEqual([
      { cityId: 'taoyuan', service: 'labor-insurance', readerAccountId: reader.accountId, operation: 'LaborAudits/BureauAudit.sample', rowCount: 2 },
      { cityId: 'taoyuan', service: 'labor-insurance', readerAccountId: reader.accountId, operation: 'LaborAudits/bureauAudits', rowCount: 1 },
      { cityId: 'taoyuan', service: 'labor-insurance', readerAccountId: reader.accountId, operation: 'LaborFindings/bureauFindings', rowCount: 2 },
    ]);
    const changhua = dataOf(await f.execute(READS, {}, buildPrincipal('changhua', ['TOP_ADMIN']))).auditCrossCityReads;
    const changhuaMine = changhua.nodes.filter((n: { readerAccountId: string }) => n.readerAccountId === reader.accountId).sort(byOperation);
    expect(changhuaMine.map((n: { operation: string; rowCount: number }) => [n.operation, n.rowCount])).toEqual([
      ['LaborAudits/BureauAudit.sample', 0],
      ['LaborAudits/bureauAudits', 0],
      ['LaborFindings/bureauFindings', 1],
    ]);
    expect(reads.nodes.every((n: { cityId: string }) => n.cityId === 'taoyuan')).toBe(true);
    expect(errorCode(await f.execute(READS, {}, buildPrincipal('taoyuan', ['AUDITOR'])))).toBe('FORBIDDEN');
    await expect(f.db.query(`UPDATE audit.cross_city_read SET row_count = 0`)).rejects.toThrow(/append-only/);
  });
});

describe('requestBureauAudit', () => {
  it('lands as a task for the city’s auditors, which the bureau follows', async () => {
    const input = { cityId: 'changhua', periodStart: '2026-01-01', periodEnd: '2026-06-30', reason: '年度書面稽核', dueOn: '2099-01-31' };
    const request = dataOf(await f.execute(REQUEST, { input }, labor)).requestBureauAudit;
    expect(request).toMatchObject({ cityId: 'changhua', service: 'labor-insurance', periodStart: '2026-01-01', periodEnd: '2026-06-30', dueOn: '2099-01-31', taskState: 'OPEN' });
    const auditor = buildPrincipal('changhua', ['AUDITOR']);
    const tasks = dataOf(
      await f.execute(`query { complianceTasks(dueFrom: "2099-01-01") { id obligationId ownerRole service bureauRequestId bureauRequest { id reason requestedBy } } }`, {}, auditor),
    ).complianceTasks;
    expect(tasks).toEqual([
      { id: request.taskId, obligationId: 'bureau-audit-request', ownerRole: 'AUDITOR', service: 'labor-insurance', bureauRequestId: request.id, bureauRequest: { id: request.id, reason: '年度書面稽核', requestedBy: (labor as { accountId: string }).accountId } },
    ]);
    // Other cities' auditors see nothing of it.
    expect(dataOf(await f.execute(`query { complianceTasks(dueFrom: "2099-01-01") { id } }`, {}, buildPrincipal('taoyuan', ['AUDITOR']))).complianceTasks).toEqual([]);
    dataOf(await f.execute(`mutation ($id: ID!) { completeComplianceTask(id: $id, note: "稽核完成") { state } }`, { id: request.taskId }, auditor));
    const followed = dataOf(await f.execute(`query { bureauAuditRequests(filter: { cityIds: ["changhua"] }) { nodes { id taskState completionNote } } }`, {}, labor)).bureauAuditRequests;
    expect(followed.nodes).toEqual([{ id: request.id, taskState: 'DONE', completionNote: '稽核完成' }]);
    expect(dataOf(await f.execute(`query { bureauAuditRequests { totalCount } }`, {}, nhi)).bureauAuditRequests.totalCount).toBe(0);
  });

  it('is refused for a city that does not use the bureau’s service, to reporting tokens, and to city officials', async () => {
    const input = { cityId: 'tainan', periodStart: '2026-01-01', periodEnd: '2026-01-31', reason: 'x' };
    expect(errorCode(await f.execute(REQUEST, { input }, labor))).toBe('FORBIDDEN');
    expect(errorCode(await f.execute(REQUEST, { input: { ...input, cityId: 'taoyuan' } }, officer('labor-insurance', { readOnly: true })))).toBe('FORBIDDEN');
    expect(errorCode(await f.execute(REQUEST, { input: { ...input, cityId: 'taoyuan' } }, buildPrincipal('taoyuan', ['TOP_ADMIN', 'AUDITOR'])))).toBe('FORBIDDEN');
    expect(errorCode(await f.execute(REQUEST, { input: { ...input, cityId: 'taoyuan', periodEnd: '2025-01-01' } }, labor))).toBe('INVALID_RANGE');
  });

  it('is all a bureau officer may do here: the city’s own mutations are refused or find nothing', async () => {
    expect(errorCode(await f.execute(`mutation ($id: ID!) { completeComplianceTask(id: $id) { id } }`, { id: ids.taoyuanAudit }, labor))).toMatch(/FORBIDDEN|NOT_FOUND/);
    const drawn = await f.execute(`mutation { recordObligationEvent(kind: SECURITY_INCIDENT, occurredOn: "2026-01-05") { id } }`, {}, labor);
    expect(errorCode(drawn)).toBe('FORBIDDEN');
  });
});

describe('row-level security alone', () => {
  it('the audit role with only app.city_ids and app.service sees those cities’ rows of that service, and writes nothing else', async () => {
    const client = new pg.Client({ connectionString: f.db.appUrl('audit') });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`select set_config('app.city_ids', 'taoyuan,tainan', true), set_config('app.service', 'labor-insurance', true)`);
      expect((await client.query(`select id from audit.finding order by detected_at`)).rows.map((r) => r.id)).toEqual([ids.taoyuanHigh, ids.taoyuanLow]);
      expect((await client.query(`select count(*)::int as n from audit.audit_sample`)).rows[0].n).toBe(2);
      expect((await client.query(`update audit.finding set status = 'closed' returning id`)).rowCount).toBe(0);
      await client.query('SAVEPOINT s');
      await expect(
        client.query(`insert into audit.compliance_task (id, city_id, obligation_id, title, citation, owner_role, period_start, due_on, service) values ($1, 'taoyuan', 'x', 't', 'c', 'AUDITOR', '2026-01-01', '2026-01-31', 'labor-insurance')`, [randomUUID()]),
      ).rejects.toThrow(/row-level security/);
      await client.query('ROLLBACK TO SAVEPOINT s');
      await client.query(`select set_config('app.city_ids', '', true)`);
      expect((await client.query(`select count(*)::int as n from audit.finding`)).rows[0].n).toBe(0);
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
  });
});
