import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrincipal, dataOf, errorCode, startAuditFixture, type AuditFixture } from '../testing/audit-fixture';
import { ensureQueryLogContract, seedQueryRecords, seedReconciliationRun, subjectKeyOf, type SeedRecord } from '../testing/query-log-contract';

const SCAN = `mutation ($from: String!, $to: String!) {
  scanForAnomalies(from: $from, to: $to) { id rules created findings { id rule severity status accountId subjectKey recordCount recordIds summary citation ruleVersionId } }
}`;
const FINDINGS = `query ($rule: AnomalyRule, $status: FindingStatus) { findings(rule: $rule, status: $status) { id rule status accountId investigation { id } } }`;
const OPEN = `mutation ($findingId: ID!) { openInvestigation(findingId: $findingId) {
  id findingId teamRoles teamTitlesZh teamCitation availableActions outcome tasks { obligationId ownerRole dueOn citation }
} }`;
const NOTE = `mutation ($investigationId: ID!, $body: String!) { addInvestigationNote(investigationId: $investigationId, body: $body) { id authorRoles body } }`;
const CLOSE = `mutation ($input: CloseInvestigationInput!) { closeInvestigation(input: $input) { id outcome actions outcomeSummary closedBy } }`;
const INVESTIGATION = `query ($id: ID!) { investigation(id: $id) { id outcome notes { body } } }`;

let fx: AuditFixture;
const id = () => randomUUID();
const acct = { o1: id(), o2: id(), o3: id(), o4: id(), b1: id(), b2: id(), v1: id(), v2: id(), s1: id(), s2: id(), s3: id(), s4: id(), u1: id(), u2: id(), u3: id() };
const agency = { a: id(), b: id(), c: id() };
const auditor = (cityId: string) => buildPrincipal(cityId, ['AUDITOR']);

/** An instant given in Taipei local time. */
const taipei = (local: string) => new Date(`${local}+08:00`);
function every(start: string, count: number, minutes: number, base: Omit<SeedRecord, 'queriedAt'>): SeedRecord[] {
  return Array.from({ length: count }, (_, i) => ({ ...base, queriedAt: new Date(taipei(start).getTime() + i * minutes * 60_000) }));
}
function daily(firstDay: string, days: number, perDay: number, base: Omit<SeedRecord, 'queriedAt'>): SeedRecord[] {
  return Array.from({ length: days }, (_, d) => {
    const day = new Date(Date.parse(`${firstDay}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
    return every(`${day}T08:45:00`, perDay, 15, base);
  }).flat();
}

beforeAll(async () => {
  fx = await startAuditFixture({ beforeStart: ensureQueryLogContract });
  const tp = (accountId: string) => ({ cityId: 'taipei', accountId, agencyId: agency.a });
  const tn = (accountId: string, agencyId = agency.a) => ({ cityId: 'tainan', accountId, agencyId });
  await seedQueryRecords(fx.db, [
    // Taipei 6(三): office hours from the profile, Mon–Fri 08:30–17:30.
    { ...tp(acct.o1), queriedAt: taipei('2020-08-03T20:00:00') }, // Monday evening
    { ...tp(acct.o1), queriedAt: taipei('2020-08-08T10:00:00') }, // Saturday
    { ...tp(acct.o2), queriedAt: taipei('2020-08-03T08:30:00') },
    { ...tp(acct.o2), queriedAt: taipei('2020-08-03T17:29:00') },
    { ...tp(acct.o3), queriedAt: taipei('2020-08-04T17:30:00') }, // the end is exclusive
    { cityId: 'taoyuan', accountId: acct.o4, agencyId: agency.a, queriedAt: taipei('2024-05-06T22:00:00') }, // Taoyuan has no office-hours rule
    // Bulk: 25 queries in 8 minutes, against 25 spread over the day.
    ...every('2024-05-06T10:00:00', 25, 1 / 3, tn(acct.b1)),
    ...every('2024-05-06T08:30:00', 25, 20, tn(acct.b2)),
    // Baseline: one a day for 90 days then 30; against 30 a day throughout.
    ...daily('2024-02-20', 90, 1, tn(acct.v1)),
    ...every('2024-05-20T08:45:00', 30, 15, tn(acct.v1)),
    ...daily('2024-02-20', 91, 30, tn(acct.v2)),
    // One person by three accounts in three agencies; another five times by one account; a third by two accounts.
    { ...tn(acct.s1, agency.a), subject: 'S1', queriedAt: taipei('2024-05-07T09:00:00') },
    { ...tn(acct.s2, agency.b), subject: 'S1', queriedAt: taipei('2024-05-14T09:00:00') },
    { ...tn(acct.s3, agency.c), subject: 'S1', queriedAt: taipei('2024-05-21T09:00:00') },
    ...every('2024-05-08T09:00:00', 5, 60, { ...tn(acct.s4), subject: 'S2' }),
    { ...tn(acct.s1), subject: 'S3', queriedAt: taipei('2024-05-09T09:00:00') },
    { ...tn(acct.s2), subject: 'S3', queriedAt: taipei('2024-05-10T09:00:00') },
  ]);
  // Reconciliation of Tainan's May (NHI): queries the bureau's records show and the register does not.
  const nhi = { service: 'health-insurance', itemCode: 'C0101' };
  await seedReconciliationRun(fx.db, {
    cityId: 'tainan',
    agencyId: agency.a,
    month: '2024-05-01',
    items: [
      { kind: 'BUREAU_ONLY', accountId: acct.u1, bureauRecordId: 'NHI-1', queriedAt: taipei('2024-05-15T10:00:00'), ...nhi },
      { kind: 'BUREAU_ONLY', accountId: acct.u1, bureauRecordId: 'NHI-2', queriedAt: taipei('2024-05-15T11:00:00'), ...nhi, itemCode: 'C0201' },
      { kind: 'BUREAU_ONLY', userAccount: 'nhi-user-9', bureauRecordId: 'NHI-3', queriedAt: taipei('2024-05-16T09:00:00'), ...nhi },
      // Registered, so matched: quiet.
      { kind: 'MATCHED', accountId: acct.u2, bureauRecordId: 'NHI-4', queriedAt: taipei('2024-05-15T10:00:00'), ...nhi },
      // Another service's record is not the NHI rules' business.
      { kind: 'BUREAU_ONLY', accountId: acct.u3, bureauRecordId: 'LI-5', queriedAt: taipei('2024-05-15T10:00:00'), service: 'labor-insurance', itemCode: 'C0101' },
    ],
  });
  // The month reconciled again: NHI-1 is listed a second time, and still counts once.
  await seedReconciliationRun(fx.db, {
    cityId: 'tainan',
    agencyId: agency.a,
    month: '2024-05-01',
    items: [{ kind: 'BUREAU_ONLY', accountId: acct.u1, bureauRecordId: 'NHI-1', queriedAt: taipei('2024-05-15T10:00:00'), ...nhi }],
  });
  // Another city's unregistered query of the same account and day: never Tainan's.
  await seedReconciliationRun(fx.db, {
    cityId: 'changhua',
    agencyId: agency.a,
    month: '2024-05-01',
    items: [{ kind: 'BUREAU_ONLY', accountId: acct.u1, bureauRecordId: 'NHI-9', queriedAt: taipei('2024-05-15T12:00:00'), ...nhi }],
  });
});
afterAll(async () => {
  await fx?.stop();
});

type Finding = { id: string; rule: string; severity: string; accountId: string | null; subjectKey: string | null; recordCount: number; summary: string; citation: string };
const byRule = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === rule);

describe('anomaly rules: each fires on data that breaks it and stays quiet otherwise', () => {
  let tainan: { rules: string[]; created: number; findings: Finding[] };

  it('outside office hours (Taipei 6(三), hours from the profile)', async () => {
    const scan = dataOf(await fx.execute(SCAN, { from: '2020-08-01', to: '2020-08-31' }, auditor('taipei'))).scanForAnomalies;
    expect(scan.rules).toContain('OUTSIDE_OFFICE_HOURS');
    const found = byRule(scan.findings, 'OUTSIDE_OFFICE_HOURS');
    expect(found.map((f) => [f.accountId, f.recordCount])).toEqual([
      [acct.o1, 1],
      [acct.o3, 1],
      [acct.o1, 1],
    ]);
    expect(found.some((f) => f.accountId === acct.o2)).toBe(false);
    expect(found[0].citation).toBe('Taipei 6(三); Taipei 3 第三項, 6(四)');
    expect(found[0].summary).toMatch(/08:30–17:30/);
  });

  it('does not apply where the rules set no office hours (Taoyuan)', async () => {
    const scan = dataOf(await fx.execute(SCAN, { from: '2024-05-01', to: '2024-05-31' }, auditor('taoyuan'))).scanForAnomalies;
    expect(scan.rules).not.toContain('OUTSIDE_OFFICE_HOURS');
    expect(scan.findings).toEqual([]);
  });

  it('bulk queries: 25 in eight minutes, not 25 over a day', async () => {
    tainan = dataOf(await fx.execute(SCAN, { from: '2024-05-01', to: '2024-05-31' }, auditor('tainan'))).scanForAnomalies;
    expect(tainan.rules).toEqual(['BULK_QUERIES', 'VOLUME_ABOVE_BASELINE', 'SUBJECT_MANY_USERS', 'UNREGISTERED_BUREAU_QUERY']);
    const bulk = byRule(tainan.findings, 'BULK_QUERIES');
    expect(bulk.map((f) => f.accountId)).toEqual([acct.b1]);
    expect(bulk[0]).toMatchObject({ severity: 'MEDIUM', summary: 'Up to 25 queries within 10 minutes on 2024-05-06 (threshold 20)', recordCount: 6 });
    expect(bulk[0].citation).toMatch(/^platform default .*; Tainan 8\(二\)$/);
  });

  it('volume far above the user’s own baseline: 30 after one a day, not 30 after thirty a day', async () => {
    const volume = byRule(tainan.findings, 'VOLUME_ABOVE_BASELINE');
    const v1 = volume.filter((f) => f.accountId === acct.v1);
    expect(v1).toHaveLength(1);
    expect(v1[0].summary).toBe('30 queries on 2024-05-20, against a usual 1.0 a day over the 90 days before');
    expect(volume.some((f) => f.accountId === acct.v2)).toBe(false);
    // No baseline yet (under 14 days of history): the bulk rule watches new accounts instead.
    expect(volume.some((f) => f.accountId === acct.b2)).toBe(false);
  });

  it('the same person queried by many users or agencies: three agencies in a month, not one user five times or two users', async () => {
    const subject = byRule(tainan.findings, 'SUBJECT_MANY_USERS');
    expect(subject.map((f) => [f.subjectKey, f.severity, f.recordCount])).toEqual([[subjectKeyOf('S1'), 'HIGH', 3]]);
    expect(subject[0].accountId).toBeNull();
  });

  it('queries in the bureau’s records with no register entry: per user and day, each bureau record once; not matched ones, another service’s or another city’s', async () => {
    const unregistered = byRule(tainan.findings, 'UNREGISTERED_BUREAU_QUERY');
    expect(unregistered.map((f) => [f.accountId, f.severity, f.recordCount])).toEqual([
      [acct.u1, 'HIGH', 2],
      [null, 'HIGH', 1],
    ]);
    // The summary never names the official: central agencies read it (BureauFinding.summary).
    expect(unregistered[0].summary).toBe(`2 queries in the bureau's records with no register entry (C0101, C0201) on 2024-05-15`);
    expect(unregistered[1].summary).toBe(`1 query in the bureau's records with no register entry (C0101) on 2024-05-16`);
    const [unmapped] = (await fx.db.query(`select details from audit.finding where rule_id = 'unregistered-bureau-query' and account_id is null`)).rows;
    expect(unmapped.details).toMatchObject({ userAccount: 'nhi-user-9', bureauRecordIds: ['NHI-3'] });
    expect(unregistered[0].citation).toMatch(/^Tainan .*; Tainan 8\(二\)$/);
    const [details] = (await fx.db.query(`select details from audit.finding where rule_id = 'unregistered-bureau-query' and account_id = $1`, [acct.u1])).rows;
    expect(details.details).toMatchObject({ bureauRecordIds: ['NHI-1', 'NHI-2'], itemCodes: ['C0101', 'C0201'] });
    expect(details.details.reconciliationRuns).toHaveLength(2);
  });

  it('scanning again raises nothing twice', async () => {
    const again = dataOf(await fx.execute(SCAN, { from: '2024-05-01', to: '2024-05-31' }, auditor('tainan'))).scanForAnomalies;
    expect(again.created).toBe(0);
    expect(again.findings.map((f: Finding) => f.id).sort()).toEqual(tainan.findings.map((f) => f.id).sort());
  });

  it('refuses a caseworker, a bad range, and shows no other city’s findings', async () => {
    expect(errorCode(await fx.execute(SCAN, { from: '2024-05-01', to: '2024-05-31' }, buildPrincipal('tainan', ['CASEWORKER'])))).toBe('FORBIDDEN');
    expect(errorCode(await fx.execute(SCAN, { from: '2024-05-31', to: '2024-05-01' }, auditor('tainan')))).toBe('INVALID_RANGE');
    expect(errorCode(await fx.execute(SCAN, { from: '2023-01-01', to: '2024-05-01' }, auditor('tainan')))).toBe('INVALID_RANGE');
    expect(errorCode(await fx.execute(FINDINGS, {}, buildPrincipal('tainan', ['CASEWORKER'])))).toBe('FORBIDDEN');
    const changhua = dataOf(await fx.execute(FINDINGS, {}, auditor('changhua'))).findings;
    expect(changhua).toEqual([]);
  });
});

describe('investigating a finding with the team the rules name', () => {
  it('Tainan 8(二): business + ethics + IT investigate; the outcome is one the rules provide for', async () => {
    const [finding] = dataOf(await fx.execute(FINDINGS, { rule: 'SUBJECT_MANY_USERS' }, auditor('tainan'))).findings;
    const ethics = buildPrincipal('tainan', ['ETHICS_OFFICER']);
    expect(errorCode(await fx.execute(OPEN, { findingId: finding.id }, buildPrincipal('tainan', ['CASEWORKER'])))).toBe('FORBIDDEN');
    expect(errorCode(await fx.execute(OPEN, { findingId: finding.id }, buildPrincipal('changhua', ['ETHICS_OFFICER'])))).toBe('NOT_FOUND');
    const opened = dataOf(await fx.execute(OPEN, { findingId: finding.id }, ethics)).openInvestigation;
    expect(opened).toMatchObject({
      findingId: finding.id,
      teamRoles: ['UNIT_HEAD', 'ETHICS_OFFICER', 'IT_OFFICER'],
      teamTitlesZh: ['科(室、組)長', '政風單位', '資訊單位'],
      teamCitation: 'Tainan 8(二)',
      availableActions: ['JOINT_AUDIT', 'AUDIT_RECORD', 'NOTIFY_AGENCY'],
      outcome: null,
    });
    expect(opened.tasks).toEqual([{ obligationId: 'joint-investigation', ownerRole: 'UNIT_HEAD', citation: 'Tainan 8(二)', dueOn: expect.any(String) }]);
    expect(errorCode(await fx.execute(OPEN, { findingId: finding.id }, ethics))).toBe('INVESTIGATION_EXISTS');
    expect(dataOf(await fx.execute(FINDINGS, { status: 'INVESTIGATING' }, auditor('tainan'))).findings.map((f: { id: string }) => f.id)).toEqual([finding.id]);

    const it = buildPrincipal('tainan', ['IT_OFFICER']);
    expect(dataOf(await fx.execute(NOTE, { investigationId: opened.id, body: '三機關查詢皆有案件編號，待確認承辦業務' }, it)).addInvestigationNote.authorRoles).toEqual(['IT_OFFICER']);
    expect(errorCode(await fx.execute(NOTE, { investigationId: opened.id, body: 'x' }, buildPrincipal('tainan', ['CASEWORKER'])))).toBe('FORBIDDEN');
    expect(errorCode(await fx.execute(NOTE, { investigationId: opened.id, body: '   ' }, it))).toBe('TEXT_REQUIRED');

    const close = (input: Record<string, unknown>) => fx.execute(CLOSE, { input: { investigationId: opened.id, summary: '經查一機關無業務需要', ...input } }, ethics);
    expect(errorCode(await close({ outcome: 'MISUSE_CONFIRMED', actions: ['REVOKE_ACCOUNT'] }))).toBe('ACTION_NOT_IN_RULES');
    expect(errorCode(await close({ outcome: 'MISUSE_CONFIRMED', actions: [] }))).toBe('ACTION_REQUIRED');
    const closed = dataOf(await close({ outcome: 'MISUSE_CONFIRMED', actions: ['AUDIT_RECORD', 'NOTIFY_AGENCY'] })).closeInvestigation;
    expect(closed).toMatchObject({ outcome: 'MISUSE_CONFIRMED', actions: ['AUDIT_RECORD', 'NOTIFY_AGENCY'], closedBy: ethics.accountId });
    expect(errorCode(await fx.execute(NOTE, { investigationId: opened.id, body: 'late' }, it))).toBe('INVESTIGATION_CLOSED');
    const read = dataOf(await fx.execute(INVESTIGATION, { id: opened.id }, auditor('tainan'))).investigation;
    expect(read.notes.map((n: { body: string }) => n.body)).toEqual(['三機關查詢皆有案件編號，待確認承辦業務']);
    // A closed finding is not raised again by a later scan.
    dataOf(await fx.execute(SCAN, { from: '2024-05-01', to: '2024-05-31' }, auditor('tainan')));
    expect(dataOf(await fx.execute(FINDINGS, { rule: 'SUBJECT_MANY_USERS' }, auditor('tainan'))).findings[0].status).toBe('CLOSED');
  });

  it('exports the findings with their investigations as CSV', async () => {
    const CSV = `query ($rule: AnomalyRule) { findingsCsv(rule: $rule) { filename rows content sha256 } }`;
    const csv = dataOf(await fx.execute(CSV, {}, auditor('tainan'))).findingsCsv;
    const lines = csv.content.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('finding_id,rule,severity,status,window_start,window_end,account_id,agency_id,subject_key,records,summary,citation,rule_version,detected_at,investigation_id,outcome,actions,closed_at');
    expect(csv.rows).toBe(lines.length - 1);
    const subjectLine = lines.find((line: string) => line.includes('subject-many-users'))!;
    expect(subjectLine).toContain(',high,closed,');
    expect(subjectLine).toContain(',misuse-confirmed,audit-record notify-agency,');
    expect(csv.filename).toMatch(/^findings-tainan-\d{4}-\d{2}-\d{2}\.csv$/);
    const bulkOnly = dataOf(await fx.execute(CSV, { rule: 'BULK_QUERIES' }, auditor('tainan'))).findingsCsv;
    expect(bulkOnly.rows).toBe(1);
    expect(errorCode(await fx.execute(CSV, {}, buildPrincipal('tainan', ['CASEWORKER'])))).toBe('FORBIDDEN');
  });

  it('Taipei 6(四): the audit team may revoke the account; no rules are in force today, so no task is started', async () => {
    const [finding] = dataOf(await fx.execute(FINDINGS, { rule: 'OUTSIDE_OFFICE_HOURS' }, auditor('taipei'))).findings;
    const opened = dataOf(await fx.execute(OPEN, { findingId: finding.id }, buildPrincipal('taipei', ['ETHICS_OFFICER']))).openInvestigation;
    expect(opened).toMatchObject({ teamRoles: ['IT_OFFICER', 'ETHICS_OFFICER'], availableActions: ['REVOKE_ACCOUNT', 'PURSUE_RESPONSIBILITY'], tasks: [] });
    const closed = dataOf(
      await fx.execute(CLOSE, { input: { investigationId: opened.id, outcome: 'MISUSE_CONFIRMED', actions: ['REVOKE_ACCOUNT'], summary: '非辦公時間查詢' } }, buildPrincipal('taipei', ['IT_OFFICER'])),
    ).closeInvestigation;
    expect(closed.actions).toEqual(['REVOKE_ACCOUNT']);
  });
});
