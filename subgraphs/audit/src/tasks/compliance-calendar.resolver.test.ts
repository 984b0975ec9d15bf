import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrincipal, dataOf, errorCode, startAuditFixture, type AuditFixture } from '../testing/audit-fixture';

const GENERATE = `mutation ($from: String!, $to: String!) {
  generateComplianceCalendar(from: $from, to: $to) { created tasks { id obligationId kind ownerRole citation periodStart periodEnd dueOn state ruleVersionId } }
}`;
const TASKS = `query ($state: TaskState, $dueFrom: String, $dueTo: String) {
  complianceTasks(state: $state, dueFrom: $dueFrom, dueTo: $dueTo) { id obligationId ownerRole dueOn state completedBy completionNote }
}`;
const EVENT = `mutation ($kind: ObligationEventKind!, $occurredOn: String!, $note: String) {
  recordObligationEvent(kind: $kind, occurredOn: $occurredOn, note: $note) { id kind occurredOn tasks { obligationId ownerRole citation dueOn state eventId } }
}`;
const COMPLETE = `mutation ($id: ID!, $note: String) { completeComplianceTask(id: $id, note: $note) { id state completedBy completionNote } }`;

let fx: AuditFixture;
const admin = (cityId: string) => buildPrincipal(cityId, ['TOP_ADMIN']);
const due = (tasks: Array<{ obligationId: string; dueOn: string }>) => tasks.map((t) => `${t.dueOn} ${t.obligationId}`);

beforeAll(async () => {
  fx = await startAuditFixture();
});
afterAll(async () => {
  await fx?.stop();
});

describe('generating the compliance calendar from the rule profile', () => {
  it('Taoyuan: last month’s records are handed in and checked by the 10th', async () => {
    const result = dataOf(await fx.execute(GENERATE, { from: '2024-03-01', to: '2024-03-31' }, admin('taoyuan'))).generateComplianceCalendar;
    expect(due(result.tasks)).toEqual(['2024-03-10 hand-in-monthly-records', '2024-03-10 monthly-admin-check']);
    expect(result.tasks.find((t: { obligationId: string }) => t.obligationId === 'monthly-admin-check')).toMatchObject({
      ownerRole: 'AGENCY_ADMIN',
      citation: 'Taoyuan 8(一)1, 4(四)5',
      periodStart: '2024-02-01',
      periodEnd: '2024-02-29',
      ruleVersionId: expect.any(String),
    });
    expect(result.tasks.find((t: { obligationId: string }) => t.obligationId === 'hand-in-monthly-records')).toMatchObject({ ownerRole: 'CASEWORKER', citation: 'Taoyuan 4(五)3' });
  });

  it('Taipei: the previous year’s audit report by the end of March, while the rules were in force; nothing after the repeal', async () => {
    const march2020 = dataOf(await fx.execute(GENERATE, { from: '2020-03-01', to: '2020-03-31' }, admin('taipei'))).generateComplianceCalendar;
    expect(due(march2020.tasks)).toEqual(['2020-03-31 annual-audit-report', '2020-03-31 download-bureau-records', '2020-03-31 reconcile-register']);
    expect(march2020.tasks[0]).toMatchObject({ ownerRole: 'AUDITOR', citation: 'Taipei 8(一)6', periodStart: '2019-01-01', periodEnd: '2019-12-31' });
    const march2021 = dataOf(await fx.execute(GENERATE, { from: '2021-03-01', to: '2021-03-31' }, admin('taipei'))).generateComplianceCalendar;
    expect(march2021).toEqual({ created: 0, tasks: [] });
  });

  it('Changhua: the half-yearly sample audit at the end of June', async () => {
    const june = dataOf(await fx.execute(GENERATE, { from: '2024-06-01', to: '2024-06-30' }, admin('changhua'))).generateComplianceCalendar;
    expect(due(june.tasks)).toEqual(['2024-06-30 half-yearly-sample-audit']);
    expect(june.tasks[0]).toMatchObject({ ownerRole: 'AUDITOR', citation: 'Changhua 8(一)', periodStart: '2024-01-01', periodEnd: '2024-06-30' });
  });

  it('Tainan: the monthly spot check and, at a quarter’s end, the quarterly records review', async () => {
    const march = dataOf(await fx.execute(GENERATE, { from: '2024-03-01', to: '2024-03-31' }, admin('tainan'))).generateComplianceCalendar;
    expect(due(march.tasks)).toEqual(['2024-03-31 monthly-spot-check', '2024-03-31 quarterly-records-review']);
    expect(march.tasks[0]).toMatchObject({ ownerRole: 'UNIT_ADMIN', citation: 'Tainan 8(一)' });
  });

  it('is idempotent: generating the same period again creates nothing', async () => {
    const first = dataOf(await fx.execute(GENERATE, { from: '2024-01-01', to: '2024-12-31' }, admin('tainan'))).generateComplianceCalendar;
    const again = dataOf(await fx.execute(GENERATE, { from: '2024-01-01', to: '2024-12-31' }, admin('tainan'))).generateComplianceCalendar;
    expect(first.created).toBeGreaterThan(12);
    expect(again.created).toBe(0);
    expect(again.tasks.map((t: { id: string }) => t.id)).toEqual(first.tasks.map((t: { id: string }) => t.id));
    const [{ n }] = (await fx.db.query(`select count(*)::int as n from audit.compliance_task where city_id = 'tainan' and obligation_id = 'monthly-spot-check' and period_start = '2024-02-01'`)).rows;
    expect(n).toBe(1);
  });

  it('refuses a bad range, a malformed date and a caller who is not the top admin, writing nothing', async () => {
    const before = (await fx.db.query(`select count(*)::int as n from audit.compliance_task`)).rows[0].n;
    expect(errorCode(await fx.execute(GENERATE, { from: '2024-05-01', to: '2024-04-01' }, admin('taoyuan')))).toBe('INVALID_RANGE');
    expect(errorCode(await fx.execute(GENERATE, { from: '2020-01-01', to: '2024-12-31' }, admin('taoyuan')))).toBe('INVALID_RANGE');
    const malformed = await fx.execute(GENERATE, { from: '2024-02-30', to: '2024-03-31' }, admin('taoyuan'));
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_DATE', field: 'from' });
    expect(errorCode(await fx.execute(GENERATE, { from: '2025-01-01', to: '2025-01-31' }, buildPrincipal('taoyuan', ['AGENCY_ADMIN', 'CASEWORKER'])))).toBe('FORBIDDEN');
    expect((await fx.db.query(`select count(*)::int as n from audit.compliance_task`)).rows[0].n).toBe(before);
  });
});

describe('event-driven obligations', () => {
  it('Changhua 4(八): an admin change is notified to the bureau within 7 days from the next day', async () => {
    const event = dataOf(await fx.execute(EVENT, { kind: 'ADMIN_CHANGED', occurredOn: '2024-03-01', note: '管理者異動' }, admin('changhua'))).recordObligationEvent;
    expect(event).toMatchObject({ kind: 'ADMIN_CHANGED', occurredOn: '2024-03-01' });
    expect(event.tasks).toEqual([
      { obligationId: 'notify-bureau-of-change', ownerRole: 'TOP_ADMIN', citation: 'Changhua 4(八)', dueOn: '2024-03-08', state: 'OVERDUE', eventId: event.id },
    ]);
  });

  it('two events of the same kind each start their own task', async () => {
    const first = dataOf(await fx.execute(EVENT, { kind: 'ADMIN_CHANGED', occurredOn: '2026-12-01' }, admin('changhua'))).recordObligationEvent;
    const second = dataOf(await fx.execute(EVENT, { kind: 'ADMIN_CHANGED', occurredOn: '2026-12-01' }, admin('changhua'))).recordObligationEvent;
    expect(first.tasks[0].dueOn).toBe('2026-12-08');
    expect(second.tasks).toHaveLength(1);
    expect(second.id).not.toBe(first.id);
  });

  it('records an event the rules attach nothing to, with no task (Taoyuan has no notification duty)', async () => {
    const event = dataOf(await fx.execute(EVENT, { kind: 'ADMIN_CHANGED', occurredOn: '2024-03-01' }, admin('taoyuan'))).recordObligationEvent;
    expect(event.tasks).toEqual([]);
  });

  it('refuses an event on a day no rules were in force (Taipei after its repeal), an unknown kind and a caseworker', async () => {
    const repealed = await fx.execute(EVENT, { kind: 'MISUSE_FOUND', occurredOn: '2024-03-01' }, admin('taipei'));
    expect(errorCode(repealed)).toBe('NO_RULES_IN_FORCE');
    expect(repealed.errors?.[0]?.message).toMatch(/repealed on 2021-01-14/);
    expect(errorCode(await fx.execute(EVENT, { kind: 'HOLIDAY', occurredOn: '2024-03-01' }, admin('taoyuan')))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fx.execute(EVENT, { kind: 'ADMIN_CHANGED', occurredOn: '2024-03-01' }, buildPrincipal('changhua', ['CASEWORKER'])))).toBe('FORBIDDEN');
    const [{ n }] = (await fx.db.query(`select count(*)::int as n from audit.obligation_event where city_id = 'taipei'`)).rows;
    expect(n).toBe(0);
  });
});

describe('overdue tasks and completing them', () => {
  it('shows overdue tasks to the agency admin and the top admin; a caseworker sees only the tasks of their role', async () => {
    const filter = { dueFrom: '2024-03-01', dueTo: '2024-03-31' };
    for (const roles of [['TOP_ADMIN'], ['AGENCY_ADMIN']] as const) {
      const overdue = dataOf(await fx.execute(TASKS, { ...filter, state: 'OVERDUE' }, buildPrincipal('taoyuan', [...roles]))).complianceTasks;
      expect(overdue.map((t: { obligationId: string }) => t.obligationId)).toEqual(['hand-in-monthly-records', 'monthly-admin-check']);
    }
    const clerk = dataOf(await fx.execute(TASKS, filter, buildPrincipal('taoyuan', ['CASEWORKER']))).complianceTasks;
    expect(clerk.map((t: { obligationId: string }) => t.obligationId)).toEqual(['hand-in-monthly-records']);
    const otherCity = dataOf(await fx.execute(TASKS, filter, buildPrincipal('tainan', ['TOP_ADMIN']))).complianceTasks;
    expect(otherCity.map((t: { obligationId: string }) => t.obligationId)).not.toContain('monthly-admin-check');
  });

  it('is completed by a holder of its owner role, once', async () => {
    const tasks = dataOf(await fx.execute(TASKS, { dueFrom: '2024-03-10', dueTo: '2024-03-10' }, admin('taoyuan'))).complianceTasks;
    const check = tasks.find((t: { obligationId: string }) => t.obligationId === 'monthly-admin-check');
    const clerk = buildPrincipal('taoyuan', ['CASEWORKER']);
    expect(errorCode(await fx.execute(COMPLETE, { id: check.id }, clerk))).toBe('FORBIDDEN');
    expect(errorCode(await fx.execute(COMPLETE, { id: check.id }, admin('taoyuan')))).toBe('FORBIDDEN');
    expect(errorCode(await fx.execute(COMPLETE, { id: check.id }, buildPrincipal('tainan', ['AGENCY_ADMIN'])))).toBe('NOT_FOUND');
    const agencyAdmin = buildPrincipal('taoyuan', ['AGENCY_ADMIN']);
    expect(errorCode(await fx.execute(COMPLETE, { id: check.id, note: 'x'.repeat(2001) }, agencyAdmin))).toBe('NOTE_TOO_LONG');
    const done = dataOf(await fx.execute(COMPLETE, { id: check.id, note: '已稽核並陳報機關首長' }, agencyAdmin)).completeComplianceTask;
    expect(done).toEqual({ id: check.id, state: 'DONE', completedBy: agencyAdmin.accountId, completionNote: '已稽核並陳報機關首長' });
    expect(errorCode(await fx.execute(COMPLETE, { id: check.id }, agencyAdmin))).toBe('TASK_ALREADY_DONE');
    const overdue = dataOf(await fx.execute(TASKS, { state: 'OVERDUE', dueFrom: '2024-03-10', dueTo: '2024-03-10' }, agencyAdmin)).complianceTasks;
    expect(overdue.map((t: { obligationId: string }) => t.obligationId)).toEqual(['hand-in-monthly-records']);
  });
});
