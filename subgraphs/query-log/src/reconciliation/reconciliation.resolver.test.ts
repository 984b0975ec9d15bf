import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskSubject, parseSubject } from '../identifiers/subject';
import { official, startQueryLogFixture, type QueryLogFixture, type TestOfficial } from '../testing/query-log-fixture';

const IMPORT = `mutation ($csv: String!) { importBureauRecords(fileName: "october.csv", csv: $csv) { id } }`;
const JOB = `query ($id: ID!) { bureauImportJob(id: $id) { status errors { message } } }`;
const RECONCILE = `mutation ($month: String!, $agencyId: ID) { reconcileMonth(month: $month, agencyId: $agencyId) {
  id month registerCount bureauCount matchedCount bureauOnlyCount registerOnlyCount
  groups { unitId account { id } userAccount registerCount bureauCount matchedCount bureauOnlyCount registerOnlyCount } } }`;
const ITEMS = `query ($id: ID!, $kind: ReconciliationItemKind!, $accountId: ID, $first: Int!, $after: String) { reconciliationRun(id: $id) {
  items(kind: $kind, accountId: $accountId, first: $first, after: $after) { nodes { kind account { id } userAccount registerRecordId bureauRecordId itemCode subjectMasked queriedAt } pageInfo { hasNextPage endCursor } } } }`;
const SIGN = `mutation ($runId: ID!, $unitId: ID, $note: String) { signOffReconciliation(runId: $runId, unitId: $unitId, note: $note) { unitId signedBy { id } note } }`;
const TASKS = `query ($from: String!, $to: String!) { reconciliationTasks(from: $from, to: $to) { obligationId kind dueDate periodStart status citation } }`;

let f: QueryLogFixture;
let agencyId: string;
let unitA: string;
let unitB: string;
let clerkA: TestOfficial;
let clerkB: TestOfficial;
let unitAdminA: TestOfficial;
let unitAdminB: TestOfficial;
let agencyAdmin: TestOfficial;
let outsider: TestOfficial;
let runId: string;

const S1 = 'A123456789';
const S2 = 'H220131506';
const S3 = 'B120345673';

/** A register entry as recordQuery appends it. */
async function registered(who: TestOfficial, at: string, subject: string, itemCode = 'C0101') {
  const parsed = parseSubject('NATIONAL_ID', subject, 'subject');
  await f.queryLog.dataSource.transaction(async (manager) => {
    await manager.query(`select set_config('app.city_id', 'taoyuan', true)`);
    await f.queryLog.services.chain.append(
      manager,
      'taoyuan',
      {
        id: randomUUID(), accountId: who.accountId, agencyId: who.agencyId, unitId: who.unitId, requestId: null, itemKey: `labor-insurance:${itemCode}:unspecified`,
        caseNumber: 'C-1', purpose: '社會救助', subjectKind: 'NATIONAL_ID', subjectHash: f.queryLog.services.hasher.hash('taoyuan', parsed), subjectMasked: maskSubject(parsed),
        legalBasis: '社會救助法', consentDocument: null, proxyForAccountId: null, proxyDocumentNumber: null, clientAddress: null, decisionRuleVersion: 'v1', queriedAt: new Date(at),
      },
      new Date(at),
    );
  });
}

beforeAll(async () => {
  f = await startQueryLogFixture();
  agencyId = randomUUID();
  unitA = randomUUID();
  unitB = randomUUID();
  clerkA = official(f.platform, 'taoyuan', ['CASEWORKER'], { agencyId, unitId: unitA, username: 'taoyuan.clerk-a' });
  clerkB = official(f.platform, 'taoyuan', ['CASEWORKER'], { agencyId, unitId: unitB, username: 'taoyuan.clerk-b' });
  unitAdminA = official(f.platform, 'taoyuan', ['UNIT_ADMIN', 'UNIT_HEAD'], { agencyId, unitId: unitA, username: 'taoyuan.head-a' });
  unitAdminB = official(f.platform, 'taoyuan', ['UNIT_ADMIN'], { agencyId, unitId: unitB, username: 'taoyuan.head-b' });
  agencyAdmin = official(f.platform, 'taoyuan', ['AGENCY_ADMIN'], { agencyId, unitId: null, username: 'taoyuan.admin' });
  outsider = official(f.platform, 'taoyuan', ['CASEWORKER'], { username: 'taoyuan.elsewhere' });

  // The register (Taiwan times +08:00).
  await registered(clerkA, '2026-10-05T09:00:00+08:00', S1); // matched
  await registered(clerkA, '2026-10-05T09:30:00+08:00', S1); // matched (second of the day)
  await registered(clerkA, '2026-10-06T10:00:00+08:00', S2); // register-only: the bureau has no record
  await registered(clerkA, '2026-10-08T23:50:00+08:00', S3, 'C0201'); // matched (bureau logs it 2 minutes later, same day)
  await registered(clerkB, '2026-10-09T11:00:00+08:00', S1); // matched
  await registered(clerkB, '2026-09-30T11:00:00+08:00', S1); // September: not in October's run
  await registered(outsider, '2026-10-09T11:00:00+08:00', S1); // another agency: not in this run

  const csv = [
    'record_id,queried_at,user_account,service,item_code,subject_id',
    `R-1,2026-10-05 09:00:10,taoyuan.clerk-a,labor-insurance,C0101,${S1}`,
    `R-2,2026-10-05 09:30:05,taoyuan.clerk-a,labor-insurance,C0101,${S1}`,
    `R-3,2026-10-05 15:00:00,taoyuan.clerk-a,labor-insurance,C0101,${S1}`, // a third query that day: bureau-only
    `R-4,2026-10-07 08:00:00,taoyuan.clerk-a,labor-insurance,B0101,${S2}`, // never registered: bureau-only
    `R-5,2026-10-08 23:52:00,taoyuan.clerk-a,labor-insurance,C0201,${S3}`,
    `R-6,2026-10-09 11:00:30,taoyuan.clerk-b,labor-insurance,C0101,${S1}`,
    `R-7,2026-10-12 14:00:00,taoyuan.gone,labor-insurance,C0101,${S2}`, // a user name no account has
    `R-8,2026-11-02 09:00:00,taoyuan.clerk-a,labor-insurance,C0101,${S1}`, // November: not in October's run
  ].join('\n');
  const started = await f.client.execute(IMPORT, { csv }, agencyAdmin.principal);
  const jobId = started.data.importBureauRecords.id;
  for (;;) {
    const job = (await f.client.execute(JOB, { id: jobId }, agencyAdmin.principal)).data.bureauImportJob;
    if (job.status === 'SUCCEEDED') break;
    if (job.status === 'FAILED') throw new Error(JSON.stringify(job.errors));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
});
afterAll(async () => {
  await f?.stop();
});

describe('monthly reconciliation', () => {
  it('matches record by record and counts per unit and official', async () => {
    const result = await f.client.execute(RECONCILE, { month: '2026-10' }, unitAdminA.principal);
    expect(result.errors).toBeUndefined();
    const run = result.data.reconcileMonth;
    runId = run.id;
    expect(run).toMatchObject({ month: '2026-10', registerCount: 5, bureauCount: 7, matchedCount: 4, bureauOnlyCount: 3, registerOnlyCount: 1 });
    const byAccount = (id: string | null, name: string | null = null) =>
      run.groups.find((group: { account: { id: string } | null; userAccount: string | null }) => (group.account?.id ?? null) === id && group.userAccount === name);
    expect(byAccount(clerkA.accountId)).toMatchObject({ unitId: unitA, registerCount: 4, bureauCount: 5, matchedCount: 3, bureauOnlyCount: 2, registerOnlyCount: 1 });
    expect(byAccount(clerkB.accountId)).toMatchObject({ unitId: unitB, registerCount: 1, bureauCount: 1, matchedCount: 1, bureauOnlyCount: 0, registerOnlyCount: 0 });
    expect(byAccount(null, 'taoyuan.gone')).toMatchObject({ unitId: null, registerCount: 0, bureauCount: 1, bureauOnlyCount: 1 });
  });

  it('lists the three lists record by record', async () => {
    const list = async (kind: string, accountId?: string) => (await f.client.execute(ITEMS, { id: runId, kind, accountId, first: 50 }, agencyAdmin.principal)).data.reconciliationRun.items.nodes;
    const bureauOnly = await list('BUREAU_ONLY');
    expect(bureauOnly.map((item: { bureauRecordId: string }) => item.bureauRecordId).sort()).toEqual(['R-3', 'R-4', 'R-7']);
    expect(bureauOnly.find((item: { bureauRecordId: string }) => item.bureauRecordId === 'R-7')).toMatchObject({ account: null, userAccount: 'taoyuan.gone', subjectMasked: 'H22*****06' });
    const registerOnly = await list('REGISTER_ONLY');
    expect(registerOnly).toEqual([expect.objectContaining({ bureauRecordId: null, account: { id: clerkA.accountId }, subjectMasked: 'H22*****06', queriedAt: '2026-10-06T02:00:00.000Z' })]);
    expect(await list('MATCHED')).toHaveLength(4);
    expect(await list('MATCHED', clerkB.accountId)).toHaveLength(1);
    const paged = await f.client.execute(ITEMS, { id: runId, kind: 'MATCHED', first: 3 }, agencyAdmin.principal);
    expect(paged.data.reconciliationRun.items.pageInfo.hasNextPage).toBe(true);
    const rest = await f.client.execute(ITEMS, { id: runId, kind: 'MATCHED', first: 3, after: paged.data.reconciliationRun.items.pageInfo.endCursor }, agencyAdmin.principal);
    expect(rest.data.reconciliationRun.items.nodes).toHaveLength(1);
  });

  it('the unit admin signs off their unit; differences need an explanation; never another unit', async () => {
    const unexplained = await f.client.execute(SIGN, { runId, unitId: unitA }, unitAdminA.principal);
    expect(unexplained.errors?.[0]?.extensions).toMatchObject({ code: 'EXPLANATION_REQUIRED', field: 'note' });
    const otherUnit = await f.client.execute(SIGN, { runId, unitId: unitB }, unitAdminA.principal);
    expect(otherUnit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const clerk = await f.client.execute(SIGN, { runId, unitId: unitA, note: 'x' }, clerkA.principal);
    expect(clerk.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const signed = await f.client.execute(SIGN, { runId, unitId: unitA, note: 'R-3, R-4: registered late on paper; 10-06 query failed at the bureau.' }, unitAdminA.principal);
    expect(signed.data.signOffReconciliation).toMatchObject({ unitId: unitA, signedBy: { id: unitAdminA.accountId } });
    const twice = await f.client.execute(SIGN, { runId, unitId: unitA, note: 'again' }, unitAdminA.principal);
    expect(twice.errors?.[0]?.extensions?.code).toBe('ALREADY_SIGNED_OFF');
    const unitBClean = await f.client.execute(SIGN, { runId, unitId: unitB }, unitAdminB.principal);
    expect(unitBClean.errors).toBeUndefined();
    const noUnit = await f.client.execute(SIGN, { runId, unitId: null, note: 'taoyuan.gone left in August; reported to the ethics office.' }, agencyAdmin.principal);
    expect(noUnit.data.signOffReconciliation.unitId).toBeNull();
  });

  it('deadlines from the profile appear as tasks that turn overdue (Taoyuan 8(一)1: by the 10th)', async () => {
    const tasks = (await f.client.execute(TASKS, { from: '2026-10-01', to: '2026-11-30' }, unitAdminA.principal)).data.reconciliationTasks;
    expect(tasks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'register-check', periodStart: '2026-09-01', dueDate: '2026-10-10', status: 'OVERDUE' }),
        expect.objectContaining({ kind: 'register-check', periodStart: '2026-10-01', dueDate: '2026-11-10', status: 'DONE' }),
      ]),
    );
    const otherAgencyAdmin = official(f.platform, 'taoyuan', ['AGENCY_ADMIN']);
    const elsewhere = (await f.client.execute(TASKS, { from: '2026-10-01', to: '2026-11-30' }, otherAgencyAdmin.principal)).data.reconciliationTasks;
    expect(elsewhere.find((task: { periodStart: string }) => task.periodStart === '2026-10-01').status).not.toBe('DONE');
    const bad = await f.client.execute(TASKS, { from: '2026-11-30', to: '2026-10-01' }, unitAdminA.principal);
    expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_PERIOD');
  });

  it('lists the agency’s runs, newest month and newest run first, optionally of one month', async () => {
    const RUNS = `query ($month: String, $first: Int!) { reconciliationRuns(month: $month, first: $first) { id month matchedCount } }`;
    const again = await f.client.execute(RECONCILE, { month: '2026-10' }, unitAdminA.principal);
    expect(again.errors).toBeUndefined();
    const october = await f.client.execute(RUNS, { month: '2026-10', first: 10 }, agencyAdmin.principal);
    expect(october.errors).toBeUndefined();
    expect(october.data.reconciliationRuns.map((run: { id: string }) => run.id)).toEqual([again.data.reconcileMonth.id, runId]);
    expect(october.data.reconciliationRuns[0]).toMatchObject({ month: '2026-10', matchedCount: 4 });
    const latest = await f.client.execute(RUNS, { month: null, first: 1 }, agencyAdmin.principal);
    expect(latest.data.reconciliationRuns).toEqual([expect.objectContaining({ id: again.data.reconcileMonth.id })]);
    const september = await f.client.execute(RUNS, { month: '2026-09', first: 10 }, agencyAdmin.principal);
    expect(september.data.reconciliationRuns).toEqual([]);
    const caseworker = await f.client.execute(RUNS, { month: '2026-10', first: 10 }, clerkA.principal);
    expect(caseworker.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses caseworkers, bad or future months, other agencies and other cities', async () => {
    expect((await f.client.execute(RECONCILE, { month: '2026-10' }, clerkA.principal)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await f.client.execute(RECONCILE, { month: '2026-13' }, agencyAdmin.principal)).errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_MONTH', field: 'month' });
    expect((await f.client.execute(RECONCILE, { month: '2099-01' }, agencyAdmin.principal)).errors?.[0]?.extensions?.code).toBe('INVALID_MONTH');
    expect((await f.client.execute(RECONCILE, { month: '2026-10', agencyId: randomUUID() }, agencyAdmin.principal)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const otherAgencyAdmin = official(f.platform, 'taoyuan', ['AGENCY_ADMIN']);
    expect((await f.client.execute(ITEMS, { id: runId, kind: 'MATCHED', first: 5 }, otherAgencyAdmin.principal)).data.reconciliationRun).toBeNull();
    expect((await f.client.execute(ITEMS, { id: runId, kind: 'MATCHED', first: 5 }, { ...agencyAdmin.principal, cityId: 'tainan' })).data.reconciliationRun).toBeNull();
  });

  it('the results are append-only, and the audit role reads the sampling population, the anomaly source and unregistered queries through its views, one city at a time', async () => {
    await expect(f.db.query(`UPDATE query_log.reconciliation_run SET matched_count = 0`)).rejects.toThrow(/append-only/);
    await expect(f.db.query(`DELETE FROM query_log.reconciliation_signoff`)).rejects.toThrow(/append-only/);
    const audit = f.db.appUrl('audit');
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: audit });
    await client.connect();
    try {
      expect((await client.query('SELECT count(*)::int AS n FROM query_log.sampling_population')).rows[0].n).toBe(0); // no city set: nothing
      await client.query('BEGIN');
      await client.query(`select set_config('app.city_id', 'taoyuan', true)`);
      const population = await client.query('SELECT * FROM query_log.sampling_population ORDER BY sequence');
      expect(population.rows).toHaveLength(7);
      expect(Object.keys(population.rows[0]).sort()).toEqual(['account_id', 'agency_id', 'city_id', 'id', 'item_key', 'queried_at', 'sequence', 'unit_id']);
      const unregistered = await client.query('SELECT bureau_record_id FROM query_log.unregistered_query WHERE run_id = $1 ORDER BY 1', [runId]);
      expect(unregistered.rows.map((row) => row.bureau_record_id)).toEqual(['R-3', 'R-4', 'R-7']);
      const keyed = await client.query('SELECT subject_key FROM query_log.anomaly_source ORDER BY sequence');
      expect(keyed.rows).toHaveLength(7);
      expect(keyed.rows[0].subject_key).toMatch(/^[0-9a-f]{64}$/);
      expect(keyed.rows[0].subject_key).toBe(keyed.rows[1].subject_key); // the same person, the same key
      await client.query('SAVEPOINT s');
      await expect(client.query('SELECT subject_hash FROM query_log.query_record LIMIT 1')).rejects.toThrow(/permission denied/);
      await client.query('ROLLBACK TO SAVEPOINT s');
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      await client.query(`select set_config('app.city_id', 'tainan', true)`);
      expect((await client.query('SELECT count(*)::int AS n FROM query_log.sampling_population')).rows[0].n).toBe(0);
      expect((await client.query('SELECT count(*)::int AS n FROM query_log.anomaly_source')).rows[0].n).toBe(0);
      await client.query('ROLLBACK');
      expect((await client.query('SELECT count(*)::int AS n FROM query_log.anomaly_source')).rows[0].n).toBe(0); // no city: nothing
    } finally {
      await client.end();
    }
  });
});
