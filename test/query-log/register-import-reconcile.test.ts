import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gql } from '../support/gateway-client';
import { ownerQuery } from '../support/platform';
import { fileRequest, record, tokenOf } from './query-log-helpers';

const SAMPLE = readFileSync(new URL('../../subgraphs/query-log/fixtures/bureau-records-sample.csv', import.meta.url), 'utf8');

describe('the register, the bureau import and the monthly reconciliation through the gateway (Taoyuan)', () => {
  it('a unit admin sees the unit’s register (unit from identity, asked on their behalf) and exports it as CSV', async () => {
    const requestId = await fileRequest('taoyuan');
    const recorded = await record('taoyuan', requestId);
    expect(recorded.errors).toBeUndefined();
    const head = await tokenOf('taoyuan', 'UNIT_ADMIN');
    const unit = await gql(`{ queryRegister(scope: UNIT, first: 50) { totalCount nodes { id account { id username } } } }`, {}, head);
    expect(unit.errors).toBeUndefined();
    const mine = unit.data.queryRegister.nodes.find((node: { id: string }) => node.id === recorded.data.recordQuery.id);
    expect(mine.account.username).toBe('taoyuan.clerk'); // the Account entity resolved by identity
    const bySubject = await gql(
      `query ($filter: RegisterFilterInput) { queryRegister(scope: UNIT, filter: $filter, first: 50) { totalCount } }`,
      { filter: { subjectKind: 'NATIONAL_ID', subject: 'A123456789' } },
      head,
    );
    expect(bySubject.data.queryRegister.totalCount).toBeGreaterThanOrEqual(1);
    const clerkTriesUnit = await gql(`{ queryRegister(scope: UNIT, first: 5) { totalCount } }`, {}, await tokenOf('taoyuan', 'CASEWORKER'));
    expect(clerkTriesUnit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const csv = await gql(`{ queryRegisterCsv(scope: AGENCY) { rowCount csv } }`, {}, await tokenOf('taoyuan', 'AGENCY_ADMIN'));
    expect(csv.data.queryRegisterCsv.rowCount).toBeGreaterThanOrEqual(1);
    expect(csv.data.queryRegisterCsv.csv).toContain('A12*****89');
    expect(csv.data.queryRegisterCsv.csv).not.toContain('A123456789');
  });

  it('the agency admin imports the bureau’s records (with progress), the unit admin reconciles October and signs it off', async () => {
    // A query the caseworker registered in October, which the bureau's sample file also records.
    const requestId = await fileRequest('taoyuan');
    const october = await record('taoyuan', requestId, { queriedAt: '2026-10-05T01:12:00.000Z' });
    expect(october.errors).toBeUndefined();

    const admin = await tokenOf('taoyuan', 'AGENCY_ADMIN');
    const started = await gql(`mutation ($csv: String!) { importBureauRecords(fileName: "bureau-records-sample.csv", csv: $csv) { id status } }`, { csv: SAMPLE }, admin);
    expect(started.errors).toBeUndefined();
    let job: any;
    for (let poll = 0; poll < 200; poll++) {
      job = (await gql(`query ($id: ID!) { bureauImportJob(id: $id) { status phase progress rowsRead rowsInserted rowsUnknownAccount errors { line field message } } }`, { id: started.data.importBureauRecords.id }, admin)).data.bureauImportJob;
      if (job.status === 'SUCCEEDED' || job.status === 'FAILED') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(job).toMatchObject({ status: 'SUCCEEDED', progress: 1, rowsRead: 7, rowsInserted: 7, rowsUnknownAccount: 1 });
    const [stored] = await ownerQuery(`select count(*)::int as n, bool_and(subject_hash ~ '^[0-9a-f]{64}$') as hashed from query_log.bureau_record where city_id = 'taoyuan' and record_id like 'WEBIR-202610%'`);
    expect(stored).toEqual({ n: 7, hashed: true });

    const head = await tokenOf('taoyuan', 'UNIT_ADMIN');
    const run = await gql(
      `mutation { reconcileMonth(month: "2026-10") { id registerCount bureauCount matchedCount bureauOnlyCount registerOnlyCount groups { unitId account { username } userAccount bureauOnlyCount } } }`,
      {},
      head,
    );
    expect(run.errors).toBeUndefined();
    expect(run.data.reconcileMonth).toMatchObject({ registerCount: 1, bureauCount: 7, matchedCount: 1, bureauOnlyCount: 6, registerOnlyCount: 0 });
    const unknown = run.data.reconcileMonth.groups.find((group: { userAccount: string | null }) => group.userAccount === 'taoyuan.retired');
    expect(unknown).toMatchObject({ account: null, bureauOnlyCount: 1 });
    const clerkGroup = run.data.reconcileMonth.groups.find((group: { account: { username: string } | null }) => group.account?.username === 'taoyuan.clerk');
    const signed = await gql(
      `mutation ($runId: ID!, $unitId: ID) { signOffReconciliation(runId: $runId, unitId: $unitId, note: "Bureau-only queries explained by the caseworker; see case file.") { unitId signedBy { username } } }`,
      { runId: run.data.reconcileMonth.id, unitId: clerkGroup.unitId },
      head,
    );
    expect(signed.errors).toBeUndefined();
    expect(signed.data.signOffReconciliation.signedBy.username).toBe('taoyuan.head');
    const tasks = await gql(`{ reconciliationTasks(from: "2026-11-01", to: "2026-11-30") { kind periodStart dueDate status } }`, {}, head);
    expect(tasks.data.reconciliationTasks).toContainEqual(expect.objectContaining({ kind: 'register-check', periodStart: '2026-10-01', dueDate: '2026-11-10', status: 'DONE' }));
  });

  it('the auditor’s anomaly scan turns the bureau’s queries nobody registered into findings, per user and day (the registered one is not among them)', async () => {
    const scan = await gql(
      `mutation { scanForAnomalies(from: "2026-10-01", to: "2026-10-31") { rules findings { rule accountId account { username } severity summary details } } }`,
      {},
      await tokenOf('taoyuan', 'AUDITOR'),
    );
    expect(scan.errors).toBeUndefined();
    expect(scan.data.scanForAnomalies.rules).toContain('UNREGISTERED_BUREAU_QUERY');
    const unregistered: Array<{ accountId: string | null; account: { username: string } | null; severity: string; summary: string; details: string }> = scan.data.scanForAnomalies.findings.filter(
      (finding: { rule: string }) => finding.rule === 'UNREGISTERED_BUREAU_QUERY',
    );
    const days = unregistered.map((finding) => finding.summary.slice(-10));
    expect(days).toEqual(expect.arrayContaining(['2026-10-05', '2026-10-07', '2026-10-12', '2026-10-15', '2026-10-21', '2026-10-28']));
    // 5 October: the caseworker registered the C0101 query, not the C0201 one.
    const fifth = unregistered.find((finding) => finding.summary.endsWith('on 2026-10-05'))!;
    expect(fifth.summary).toBe("1 query in the bureau's records with no register entry (C0201) on 2026-10-05");
    // The import mapped the bureau's user to the caseworker's account, which identity names.
    expect(fifth.account).toEqual({ username: 'taoyuan.clerk' });
    // The bureau's user the import could not map to an account is named as the bureau knows it.
    expect(unregistered.find((finding) => JSON.parse(finding.details).userAccount === 'taoyuan.retired')).toMatchObject({ accountId: null, account: null, severity: 'HIGH' });
  });

  it('a caseworker can neither import nor reconcile', async () => {
    const clerk = await tokenOf('taoyuan', 'CASEWORKER');
    expect((await gql(`mutation { importBureauRecords(fileName: "x.csv", csv: "x") { id } }`, {}, clerk)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(`mutation { reconcileMonth(month: "2026-10") { id } }`, {}, clerk)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
