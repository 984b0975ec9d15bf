import { demoUnitId, demoUsers } from '@custos/demo';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfficial, type TestOfficial } from '../permissions/officials';
import { fileRequest, record, tokenOf } from '../query-log/query-log-helpers';
import { gql, login } from '../support/gateway-client';
import { ownerQuery, platform } from '../support/platform';
import { auditorOf, ruleVersionOf } from '../support/rule-versions';

/**
 * Issue 9 through the gateway, the audit and permissions side: a bureau officer reads the cities'
 * audits and findings of its own service (each read in the city's audit read log), asks a city to
 * audit, and records the bureau's own decision on an application awaiting it — and nothing else;
 * queries are counted by purpose category.
 */
const FINDINGS = `query LaborFindings($filter: BureauFindingFilter) { bureauFindings(filter: $filter, first: 200) { totalCount nodes { id cityId service severity status } } }`;
const AUDITS = `query LaborAudits($filter: BureauAuditFilter) { bureauAudits(filter: $filter, first: 50) { totalCount nodes { id cityId service state sample { position itemKey } } } }`;
const AUDIT_READS = `query { auditCrossCityReads(first: 200) { nodes { cityId readerAccountId operation rowCount service } } }`;
const APPLICATION_READS = `query { applicationCrossCityReads(first: 200) { nodes { cityId readerAccountId operation rowCount } } }`;
const REQUEST_AUDIT = `mutation ($input: RequestBureauAuditInput!) { requestBureauAudit(input: $input) { id cityId service taskId taskState } }`;
const AWAITING = `query Awaiting($filter: BureauApplicationFilter) { bureauApplications(filter: $filter) { totalCount nodes { id cityId service kind itemsToAdd currentStep stepTitleZh stepCitation } } }`;
const BUREAU_DECISION = `mutation ($input: BureauDecisionInput!) { recordBureauDecision(input: $input) { id status currentStep } }`;
const STEP = `mutation ($id: ID!, $decision: StepDecision!, $comment: String) { decideApplicationStep(id: $id, decision: $decision, comment: $comment) { id status currentStep timeline { event role actor { username } } } }`;

const user = (username: string) => platform().demo.users.find((candidate) => candidate.username === username)!;
const accountOf = (username: string) => demoUsers.find((candidate) => candidate.username === username)!.accountId;

let labor: string;
let nhi: string;
const ids: Record<string, string> = {};
const officials: Record<string, TestOfficial> = {};

async function seedFinding(key: string, cityId: string, service: string, severity: string) {
  const scan = randomUUID();
  ids[key] = randomUUID();
  await ownerQuery(`INSERT INTO audit.anomaly_scan (id, city_id, period_start, period_end, rules, scanned_at) VALUES ($1, $2, '2016-01-01', '2016-01-31', '{}', now())`, [scan, cityId]);
  await ownerQuery(
    `INSERT INTO audit.finding (id, city_id, rule_id, severity, fingerprint, window_start, window_end, record_count, record_ids, summary, rule_version_id, citation, scan_id, detected_at, service)
     VALUES ($1, $2, 'bulk-queries', $3, $4, '2016-01-05T01:00:00Z', '2016-01-05T02:00:00Z', 1, ARRAY[$1]::uuid[], 'bulk', $7, 'c', $5, now(), $6)`,
    [ids[key], cityId, severity, `e2e-bureau-${ids[key]}`, scan, service, ruleVersionOf(cityId, service)],
  );
}

async function seedAudit(key: string, cityId: string, service: string, itemKey: string) {
  ids[key] = randomUUID();
  await ownerQuery(
    `INSERT INTO audit.audit (id, city_id, service, rule_version_id, method, sampling_citation, period_start, period_end, draw_method, seed, population_count, population_hash, sample_size, drawn_by, drawn_at)
     VALUES ($1, $2, $3, $7, 'sample', 'c', '2016-01-01', '2016-01-31', 'md5-sorted-ids', $4, 1, $5, 1, $6, now())`,
    [ids[key], cityId, service, 'c'.repeat(32), 'd'.repeat(64), auditorOf(cityId), ruleVersionOf(cityId, service)],
  );
  await ownerQuery(
    `INSERT INTO audit.audit_sample (audit_id, city_id, position, query_record_id, sequence, queried_at, account_id, agency_id, item_key, draw_key) VALUES ($1, $2, 1, $3, 1, now(), $4, $5, $6, 'k')`,
    [ids[key], cityId, randomUUID(), randomUUID(), randomUUID(), itemKey],
  );
}

beforeAll(async () => {
  await seedFinding('taoyuanFinding', 'taoyuan', 'labor-insurance', 'high');
  await seedFinding('changhuaFinding', 'changhua', 'labor-insurance', 'low');
  await seedFinding('tainanFinding', 'tainan', 'health-insurance', 'high');
  await seedAudit('taoyuanAudit', 'taoyuan', 'labor-insurance', 'labor-insurance:C0101:unspecified');
  await seedAudit('tainanAudit', 'tainan', 'health-insurance', 'health-insurance:C0101:national-id');
  officials.agencyhead = await createOfficial('taoyuan', 'social', ['AGENCY_HEAD']);
  officials.reviewer = await createOfficial('taoyuan', 'reviewing', ['REVIEWING_OFFICER']);
  labor = await login(user('central.labor'));
  nhi = await login(user('central.nhi'));
});

afterAll(async () => {
  // The seeded rows are the suite's own (2016 periods); the audit tables refuse undocumented deletes, so they stay.
});

describe('audits and findings across cities', () => {
  it('the labor bureau reads the labor-insurance findings and audits of its cities; the NHI the health-insurance ones', async () => {
    const findings = await gql(FINDINGS, { filter: { from: '2016-01-01', to: '2016-01-31' } }, labor);
    expect(findings.errors).toBeUndefined();
    const laborIds = findings.data.bureauFindings.nodes.map((n: { id: string }) => n.id);
    expect(laborIds).toEqual(expect.arrayContaining([ids.taoyuanFinding, ids.changhuaFinding]));
    expect(laborIds).not.toContain(ids.tainanFinding);
    expect(findings.data.bureauFindings.nodes.every((n: { service: string }) => n.service === 'labor-insurance')).toBe(true);
    const high = await gql(FINDINGS, { filter: { from: '2016-01-01', to: '2016-01-31', severities: ['HIGH'], cityIds: ['taoyuan'] } }, labor);
    expect(high.data.bureauFindings.nodes.map((n: { id: string }) => n.id)).toContain(ids.taoyuanFinding);
    expect(high.data.bureauFindings.nodes.map((n: { id: string }) => n.id)).not.toContain(ids.changhuaFinding);
    const health = await gql(FINDINGS, { filter: { from: '2016-01-01', to: '2016-01-31' } }, nhi);
    expect(health.data.bureauFindings.nodes.map((n: { id: string }) => n.id)).toEqual([ids.tainanFinding]);

    const audits = await gql(AUDITS, { filter: { periodFrom: '2016-01-01', periodTo: '2016-01-31' } }, labor);
    expect(audits.errors).toBeUndefined();
    const taoyuan = audits.data.bureauAudits.nodes.find((n: { id: string }) => n.id === ids.taoyuanAudit);
    expect(taoyuan).toMatchObject({ cityId: 'taoyuan', service: 'labor-insurance', state: 'DRAWN', sample: [{ position: 1, itemKey: 'labor-insurance:C0101:unspecified' }] });
    expect(audits.data.bureauAudits.nodes.map((n: { id: string }) => n.id)).not.toContain(ids.tainanAudit);
  });

  it('the bureau opens one audit by city and id (logged like the list); another service’s, or under another city, is null', async () => {
    const ONE = `query OneAudit($cityId: ID!, $id: ID!) { bureauAudit(cityId: $cityId, id: $id) { id cityId service state sample { position itemKey } } }`;
    const opened = await gql(ONE, { cityId: 'taoyuan', id: ids.taoyuanAudit }, labor);
    expect(opened.errors).toBeUndefined();
    expect(opened.data.bureauAudit).toEqual({ id: ids.taoyuanAudit, cityId: 'taoyuan', service: 'labor-insurance', state: 'DRAWN', sample: [{ position: 1, itemKey: 'labor-insurance:C0101:unspecified' }] });
    expect((await gql(ONE, { cityId: 'tainan', id: ids.tainanAudit }, labor)).data.bureauAudit).toBeNull();
    expect((await gql(ONE, { cityId: 'changhua', id: ids.taoyuanAudit }, labor)).data.bureauAudit).toBeNull();
    expect((await gql(ONE, { cityId: 'taoyuan', id: ids.taoyuanAudit }, nhi)).data.bureauAudit).toBeNull();
    expect((await gql(ONE, { cityId: 'taoyuan', id: ids.taoyuanAudit }, await tokenOf('taoyuan', 'AUDITOR'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const reads = await gql(AUDIT_READS, {}, await tokenOf('taoyuan', 'TOP_ADMIN'));
    const mine = reads.data.auditCrossCityReads.nodes.filter((n: { readerAccountId: string }) => n.readerAccountId === accountOf('central.labor'));
    expect(mine).toEqual(expect.arrayContaining([expect.objectContaining({ operation: 'OneAudit/bureauAudit', rowCount: 1, service: 'labor-insurance' })]));
  });

  it('a city’s officials never see another city through these fields', async () => {
    const auditor = await tokenOf('taoyuan', 'AUDITOR');
    expect((await gql(FINDINGS, {}, auditor)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(AUDITS, { filter: { cityIds: ['tainan'] } }, await tokenOf('taoyuan', 'TOP_ADMIN'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(AWAITING, {}, auditor)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const reads = await gql(AUDIT_READS, {}, await tokenOf('taoyuan', 'TOP_ADMIN'));
    expect(reads.data.auditCrossCityReads.nodes.every((n: { cityId: string }) => n.cityId === 'taoyuan')).toBe(true);
    // The city's own list (what its console shows) reads the same audit as any of its own, and only its own.
    const own = await gql(`{ audits { id state progress { sampleSize checklistItems } } }`, {}, auditor);
    expect(own.errors).toBeUndefined();
    expect(own.data.audits.map((audit: { id: string }) => audit.id)).toContain(ids.taoyuanAudit);
    expect(own.data.audits.map((audit: { id: string }) => audit.id)).not.toContain(ids.tainanAudit);
  });

  it('every read is in the city’s audit read log, for its top admin', async () => {
    await gql(FINDINGS, { filter: { cityIds: ['taoyuan', 'changhua'], from: '2016-01-01', to: '2016-01-31' } }, labor);
    const reads = await gql(AUDIT_READS, {}, await tokenOf('taoyuan', 'TOP_ADMIN'));
    expect(reads.errors).toBeUndefined();
    const mine = reads.data.auditCrossCityReads.nodes.filter((n: { readerAccountId: string }) => n.readerAccountId === accountOf('central.labor'));
    expect(mine[0]).toMatchObject({ operation: 'LaborFindings/bureauFindings', service: 'labor-insurance', rowCount: 1 });
    expect(mine.map((n: { operation: string }) => n.operation)).toEqual(expect.arrayContaining(['LaborAudits/bureauAudits', 'LaborAudits/BureauAudit.sample']));
    const rows = await ownerQuery(`select distinct city_id from audit.cross_city_read where reader_account_id = $1 order by 1`, [accountOf('central.labor')]);
    expect(rows.map((row) => row.city_id)).toEqual(['changhua', 'tainan', 'taipei', 'taoyuan']);
    expect((await gql(AUDIT_READS, {}, await tokenOf('taoyuan', 'AUDITOR'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the bureau’s own decisions', () => {
  it('an audit request lands as a task for the city’s auditors; the other bureau may not ask', async () => {
    const input = { cityId: 'taoyuan', periodStart: '2016-01-01', periodEnd: '2016-06-30', reason: `勞保局書面稽核 ${Date.now()}`, dueOn: '2099-12-31' };
    const asked = await gql(REQUEST_AUDIT, { input }, labor);
    expect(asked.errors).toBeUndefined();
    expect(asked.data.requestBureauAudit).toMatchObject({ cityId: 'taoyuan', service: 'labor-insurance', taskState: 'OPEN' });
    const tasks = await gql(`query { complianceTasks(dueFrom: "2099-12-31", dueTo: "2099-12-31") { id obligationId bureauRequest { reason } } }`, {}, await tokenOf('taoyuan', 'AUDITOR'));
    expect(tasks.data.complianceTasks).toEqual(expect.arrayContaining([{ id: asked.data.requestBureauAudit.taskId, obligationId: 'bureau-audit-request', bureauRequest: { reason: input.reason } }]));
    expect((await gql(REQUEST_AUDIT, { input }, nhi)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(REQUEST_AUDIT, { input }, await tokenOf('taoyuan', 'TOP_ADMIN'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('records the bureau’s decision on a Taoyuan 附表三 awaiting 勞保局 (6(二)), and nothing more', async () => {
    const [agencyadmin, head, admin] = [await tokenOf('taoyuan', 'AGENCY_ADMIN'), await tokenOf('taoyuan', 'UNIT_HEAD'), await tokenOf('taoyuan', 'TOP_ADMIN')];
    const submitted = await gql(`mutation ($input: ApplicationInput!) { submitApplication(input: $input) { id } }`, {
      input: {
        kind: 'agency-items', operation: 'add', reason: '業務需要', itemsToAdd: ['labor-insurance:F0201:unspecified'],
        businessItem: { name: `保費補助 ${Date.now()}`, purpose: '保險費補助資格審查', unitIds: [demoUnitId('taoyuan', 'assistance')], legalBasis: { kind: 'law', category: 'social', laws: '身心障礙者權益保障法', purpose: '保險費補助' } },
      },
    }, agencyadmin);
    expect(submitted.errors).toBeUndefined();
    const id = submitted.data.submitApplication.id;
    // Before it reaches the bureau, the bureau neither sees it nor may decide it.
    expect((await gql(BUREAU_DECISION, { input: { cityId: 'taoyuan', applicationId: id, decision: 'APPROVE' } }, labor)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    for (const actor of [head, officials.agencyhead!.token, officials.reviewer!.token, admin]) {
      const step = await gql(STEP, { id, decision: 'APPROVE' }, actor);
      expect(step.errors, JSON.stringify(step.errors)).toBeUndefined();
    }
    const awaiting = await gql(AWAITING, { filter: { cityIds: ['taoyuan'] } }, labor);
    expect(awaiting.errors).toBeUndefined();
    expect(awaiting.data.bureauApplications.nodes).toEqual(
      expect.arrayContaining([{ id, cityId: 'taoyuan', service: 'labor-insurance', kind: 'agency-items', itemsToAdd: ['labor-insurance:F0201:unspecified'], currentStep: 4, stepTitleZh: '勞動部勞工保險局', stepCitation: 'Taoyuan 6(二), 附表三' }]),
    );
    // What the bureau decides on: the applying agency by name (identity's directory), the business item and its legal basis.
    const DETAILS = `query Awaiting($filter: BureauApplicationFilter) { bureauApplications(filter: $filter) { nodes { id agencyName businessItem { registered name purpose legalBasis { registered laws purpose } } } } }`;
    const details = await gql(DETAILS, { filter: { cityIds: ['taoyuan'] } }, labor);
    expect(details.errors).toBeUndefined();
    expect(details.data.bureauApplications.nodes.find((n: { id: string }) => n.id === id)).toEqual({
      id, agencyName: '桃園市政府社會局',
      businessItem: { registered: false, name: expect.stringMatching(/^保費補助 /), purpose: '保險費補助資格審查', legalBasis: { registered: false, laws: '身心障礙者權益保障法', purpose: '保險費補助' } },
    });
    expect((await gql(AWAITING, {}, nhi)).data.bureauApplications.nodes.map((n: { id: string }) => n.id)).not.toContain(id);
    const reads = await gql(APPLICATION_READS, {}, admin);
    expect(reads.data.applicationCrossCityReads.nodes.find((n: { readerAccountId: string }) => n.readerAccountId === accountOf('central.labor'))).toMatchObject({ cityId: 'taoyuan', operation: 'Awaiting/bureauApplications' });

    // The other bureau, the city's own mutation and a reporting-style read-only caller are refused.
    expect((await gql(BUREAU_DECISION, { input: { cityId: 'taoyuan', applicationId: id, decision: 'APPROVE' } }, nhi)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await gql(STEP, { id, decision: 'APPROVE' }, labor)).errors?.[0]?.extensions?.code).toMatch(/NOT_FOUND|FORBIDDEN/);
    expect((await gql(BUREAU_DECISION, { input: { cityId: 'taoyuan', applicationId: id, decision: 'REJECT' } }, labor)).errors?.[0]?.extensions?.code).toBe('COMMENT_REQUIRED');

    const decided = await gql(BUREAU_DECISION, { input: { cityId: 'taoyuan', applicationId: id, decision: 'APPROVE', comment: '勞保局核准', step: 4 } }, labor);
    expect(decided.errors).toBeUndefined();
    expect(decided.data.recordBureauDecision).toEqual({ id, status: 'PENDING', currentStep: 5 });
    // Once decided, the step is the city's again.
    expect((await gql(BUREAU_DECISION, { input: { cityId: 'taoyuan', applicationId: id, decision: 'APPROVE' } }, labor)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const done = await gql(STEP, { id, decision: 'APPROVE' }, admin);
    expect(done.errors).toBeUndefined();
    expect(done.data.decideApplicationStep.status).toBe('APPROVED');
    // The bureau's decision is the officer's own (not the city's on its behalf); its actor is not of the city.
    expect(done.data.decideApplicationStep.timeline.find((event: { role: string }) => event.role === 'BUREAU_OFFICER')).toEqual({ event: 'APPROVED', role: 'BUREAU_OFFICER', actor: null });
    const [event] = await ownerQuery(`select actor_account_id, on_behalf_of from permissions.application_event where application_id = $1 and role = 'BUREAU_OFFICER'`, [id]);
    expect(event).toEqual({ actor_account_id: accountOf('central.labor'), on_behalf_of: null });
  });

  it('every other write by a bureau officer stays refused', async () => {
    const request = await gql(
      `mutation ($input: CreateQueryRequestInput!) { createQueryRequest(input: $input) { id } }`,
      { input: { caseNumber: 'BUREAU-2', purpose: 'x', itemKeys: ['labor-insurance:C0101:unspecified'], subjectKind: 'NATIONAL_ID', subject: 'A123456789', legalBasis: 'x' } },
      labor,
    );
    expect(request.data ?? null).toBeNull();
    const event = await gql(`mutation { recordObligationEvent(kind: SECURITY_INCIDENT, occurredOn: "2026-01-05") { id } }`, {}, labor);
    expect(event.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const calendar = await gql(`mutation { generateComplianceCalendar(from: "2026-01-01", to: "2026-01-31") { created } }`, {}, labor);
    expect(calendar.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('queries by purpose category', () => {
  it('counts the city’s recorded queries by the category stated on their requests', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    for (const category of ['POLICE', 'POLICE', 'TRAFFIC']) {
      const result = await record('changhua', await fileRequest('changhua', { approve: true, overrides: { purposeCategory: category } }));
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    }
    const COUNTS = `query ($f: QueryCountFilter) { queryCounts(groupBy: [PURPOSE_CATEGORY], filter: $f) { total rows { purposeCategory count } } }`;
    const city = await gql(COUNTS, { f: { from: since } }, await tokenOf('changhua', 'AUDITOR'));
    expect(city.errors).toBeUndefined();
    expect(city.data.queryCounts).toEqual({ total: 3, rows: [{ purposeCategory: 'POLICE', count: 2 }, { purposeCategory: 'TRAFFIC', count: 1 }] });
    const bureau = await gql(`query ($f: QueryCountFilter) { queryCounts(groupBy: [CITY, PURPOSE_CATEGORY], filter: $f) { rows { cityId purposeCategory count } } }`, { f: { from: since, cityIds: ['changhua'] } }, labor);
    expect(bureau.data.queryCounts.rows).toEqual([{ cityId: 'changhua', purposeCategory: 'POLICE', count: 2 }, { cityId: 'changhua', purposeCategory: 'TRAFFIC', count: 1 }]);
  });
});
