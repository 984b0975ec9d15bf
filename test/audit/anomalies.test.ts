import { randomUUID } from 'node:crypto';
import type { SeedRecord } from '../../subgraphs/audit/src/testing/query-log-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, ensureQueryLogViews, ok, removeSeededRecords, seedRecords, subjectKeyOf, taiwan, tokenOf } from './audit-e2e-helpers';

const SCAN = `mutation ($from: String!, $to: String!) { scanForAnomalies(from: $from, to: $to) { rules created findings { id rule severity accountId subjectKey } } }`;
const OPEN = `mutation ($findingId: ID!) { openInvestigation(findingId: $findingId) { id teamRoles teamCitation availableActions tasks { obligationId ownerRole } } }`;
const NOTE = `mutation ($id: ID!, $body: String!) { addInvestigationNote(investigationId: $id, body: $body) { id } }`;
const CLOSE = `mutation ($input: CloseInvestigationInput!) { closeInvestigation(input: $input) { outcome actions } }`;
const CSV = `query { findingsCsv { filename rows content } }`;

const id = () => randomUUID();
const acct = { night: id(), day: id(), burst: id(), steady: id(), spike: id(), busy: id(), a: id(), b: id(), c: id(), same: id() };
const agency = { a: id(), b: id(), c: id() };

function every(cityId: string, accountId: string, start: string, count: number, minutes: number, extra: Partial<SeedRecord> = {}): SeedRecord[] {
  return Array.from({ length: count }, (_, i) => ({ cityId, accountId, agencyId: agency.a, queriedAt: new Date(taiwan(start).getTime() + i * minutes * 60_000), ...extra }));
}
function daily(cityId: string, accountId: string, firstDay: string, days: number, perDay: number): SeedRecord[] {
  return Array.from({ length: days }, (_, d) => every(cityId, accountId, `${new Date(Date.parse(`${firstDay}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10)}T08:45:00`, perDay, 15)).flat();
}

const seeded: string[] = [];

beforeAll(async () => {
  await ensureQueryLogViews();
  seeded.push(
    ...(await seedRecords([
      // Taipei 6(三): a Monday night, against office hours.
      ...every('taipei', acct.night, '2020-08-03T21:15:00', 1, 1),
      ...every('taipei', acct.day, '2020-08-03T10:15:00', 3, 60),
      // Tainan: a burst against a steady day; a spike after a quiet quarter against a busy quarter; one person by three agencies.
      ...every('tainan', acct.burst, '2024-05-06T10:00:00', 25, 1 / 3),
      ...every('tainan', acct.steady, '2024-05-06T08:30:00', 15, 20),
      ...daily('tainan', acct.spike, '2024-02-20', 90, 1),
      ...every('tainan', acct.spike, '2024-05-20T08:45:00', 30, 15),
      ...daily('tainan', acct.busy, '2024-04-20', 31, 25),
      ...every('tainan', acct.a, '2024-05-07T09:00:00', 1, 1, { subject: 'neighbour', agencyId: agency.a }),
      ...every('tainan', acct.b, '2024-05-14T09:00:00', 1, 1, { subject: 'neighbour', agencyId: agency.b }),
      ...every('tainan', acct.c, '2024-05-21T09:00:00', 1, 1, { subject: 'neighbour', agencyId: agency.c }),
      ...every('tainan', acct.same, '2024-05-08T09:00:00', 4, 60, { subject: 'client' }),
    ])),
  );
});
afterAll(async () => {
  await removeSeededRecords(seeded);
});

describe('anomaly rules and investigations through the gateway', () => {
  it('Taipei: queries outside the office hours of its rules are found; those inside are not', async () => {
    const scan = (await ok(SCAN, { from: '2020-08-01', to: '2020-08-31' }, await tokenOf('taipei', 'AUDITOR'))).scanForAnomalies;
    const hours = scan.findings.filter((f: { rule: string }) => f.rule === 'OUTSIDE_OFFICE_HOURS');
    expect(hours.map((f: { accountId: string }) => f.accountId)).toEqual([acct.night]);
  });

  it('Tainan: bulk, far above baseline and one person by many agencies fire on the data that breaks them only', async () => {
    const scan = (await ok(SCAN, { from: '2024-05-01', to: '2024-05-31' }, await tokenOf('tainan', 'AUDITOR'))).scanForAnomalies;
    expect(scan.rules).toEqual(['BULK_QUERIES', 'VOLUME_ABOVE_BASELINE', 'SUBJECT_MANY_USERS', 'UNREGISTERED_BUREAU_QUERY']);
    const accounts = (rule: string) => scan.findings.filter((f: { rule: string }) => f.rule === rule).map((f: { accountId: string }) => f.accountId);
    expect(accounts('BULK_QUERIES')).toEqual([acct.burst]);
    expect(accounts('VOLUME_ABOVE_BASELINE')).toContain(acct.spike);
    expect(accounts('VOLUME_ABOVE_BASELINE')).not.toContain(acct.busy);
    expect(accounts('VOLUME_ABOVE_BASELINE')).not.toContain(acct.steady);
    const subjects = scan.findings.filter((f: { rule: string }) => f.rule === 'SUBJECT_MANY_USERS');
    expect(subjects.map((f: { subjectKey: string; severity: string }) => [f.subjectKey, f.severity])).toEqual([[subjectKeyOf('neighbour'), 'HIGH']]);
  });

  it('Tainan 8(二): the finding opens a joint investigation; its notes and outcome; the findings export', async () => {
    const auditor = await tokenOf('tainan', 'AUDITOR'); // the demo auditor is also the ethics officer
    const scan = (await ok(SCAN, { from: '2024-05-01', to: '2024-05-31' }, auditor)).scanForAnomalies;
    expect(scan.created).toBe(0);
    const finding = scan.findings.find((f: { rule: string }) => f.rule === 'SUBJECT_MANY_USERS');
    expect(await codeOf(OPEN, { findingId: finding.id }, await tokenOf('tainan', 'CASEWORKER'))).toBe('FORBIDDEN');
    const opened = (await ok(OPEN, { findingId: finding.id }, auditor)).openInvestigation;
    expect(opened).toMatchObject({ teamRoles: ['UNIT_HEAD', 'ETHICS_OFFICER', 'IT_OFFICER'], teamCitation: 'Tainan 8(二)' });
    expect(opened.tasks).toEqual([{ obligationId: 'joint-investigation', ownerRole: 'UNIT_HEAD' }]);
    await ok(NOTE, { id: opened.id, body: '已調閱三機關案件' }, await tokenOf('tainan', 'UNIT_HEAD'));
    const closed = (await ok(CLOSE, { input: { investigationId: opened.id, outcome: 'NO_MISUSE', actions: ['AUDIT_RECORD'], summary: '三機關皆為社會救助案件' } }, auditor)).closeInvestigation;
    expect(closed).toEqual({ outcome: 'NO_MISUSE', actions: ['AUDIT_RECORD'] });
    const csv = (await ok(CSV, {}, auditor)).findingsCsv;
    expect(csv.rows).toBeGreaterThanOrEqual(3);
    expect(csv.content).toContain(',no-misuse,audit-record,');
    expect((await ok(`query { findings { id } }`, {}, await tokenOf('changhua', 'AUDITOR'))).findings.map((f: { id: string }) => f.id)).not.toContain(finding.id);
  });
});
