import { describe, expect, it } from 'vitest';
import { gql, login } from '../support/gateway-client';
import { demoUser } from '../support/platform';

const GENERATE = `mutation ($from: String!, $to: String!) { generateComplianceCalendar(from: $from, to: $to) { created tasks { id obligationId ownerRole citation dueOn state } } }`;
const TASKS = `query ($state: TaskState, $dueFrom: String, $dueTo: String) { complianceTasks(state: $state, dueFrom: $dueFrom, dueTo: $dueTo) { id obligationId ownerRole dueOn state } }`;
const EVENT = `mutation ($kind: ObligationEventKind!, $occurredOn: String!) { recordObligationEvent(kind: $kind, occurredOn: $occurredOn) { id tasks { obligationId ownerRole citation dueOn } } }`;
const COMPLETE = `mutation ($id: ID!, $note: String) { completeComplianceTask(id: $id, note: $note) { id state } }`;

const dueList = (tasks: Array<{ obligationId: string; dueOn: string }>) => tasks.map((task) => `${task.dueOn} ${task.obligationId}`);

describe('the compliance calendar through the gateway', () => {
  it.each([
    ['taoyuan', '2024-03-01', '2024-03-31', ['2024-03-10 hand-in-monthly-records', '2024-03-10 monthly-admin-check']],
    ['taipei', '2020-03-01', '2020-03-31', ['2020-03-31 annual-audit-report', '2020-03-31 download-bureau-records', '2020-03-31 reconcile-register']],
    ['changhua', '2024-06-01', '2024-06-30', ['2024-06-30 half-yearly-sample-audit']],
    ['tainan', '2024-03-01', '2024-03-31', ['2024-03-31 monthly-spot-check', '2024-03-31 quarterly-records-review']],
  ])('%s: the top admin generates the tasks the rules set for %s..%s', async (cityId, from, to, expected) => {
    const token = await login(demoUser(cityId, 'TOP_ADMIN'));
    const result = await gql(GENERATE, { from, to }, token);
    expect(result.errors).toBeUndefined();
    expect(dueList(result.data.generateComplianceCalendar.tasks)).toEqual(expected);
    const again = await gql(GENERATE, { from, to }, token);
    expect(again.data.generateComplianceCalendar.created).toBe(0);
  });

  it('Changhua: an admin change starts the 7-day bureau notification (4(八))', async () => {
    const token = await login(demoUser('changhua', 'TOP_ADMIN'));
    const result = await gql(EVENT, { kind: 'ADMIN_CHANGED', occurredOn: '2024-03-01' }, token);
    expect(result.errors).toBeUndefined();
    expect(result.data.recordObligationEvent.tasks).toEqual([{ obligationId: 'notify-bureau-of-change', ownerRole: 'TOP_ADMIN', citation: 'Changhua 4(八)', dueOn: '2024-03-08' }]);
  });

  it('Taoyuan: overdue tasks reach the agency admin, who completes theirs; a caseworker may not generate or complete it', async () => {
    const agencyAdmin = await login(demoUser('taoyuan', 'AGENCY_ADMIN'));
    const clerk = await login(demoUser('taoyuan', 'CASEWORKER'));
    const window = { dueFrom: '2024-03-01', dueTo: '2024-03-31' };
    const overdue = (await gql(TASKS, { ...window, state: 'OVERDUE' }, agencyAdmin)).data.complianceTasks;
    expect(overdue.map((task: { obligationId: string }) => task.obligationId)).toEqual(['hand-in-monthly-records', 'monthly-admin-check']);
    const check = overdue.find((task: { obligationId: string }) => task.obligationId === 'monthly-admin-check');
    expect((await gql(GENERATE, { from: '2024-04-01', to: '2024-04-30' }, clerk)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(COMPLETE, { id: check.id }, clerk)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const clerkView = (await gql(TASKS, window, clerk)).data.complianceTasks;
    expect(clerkView.map((task: { obligationId: string }) => task.obligationId)).toEqual(['hand-in-monthly-records']);
    const done = await gql(COMPLETE, { id: check.id, note: '已陳報機關首長' }, agencyAdmin);
    expect(done.data.completeComplianceTask).toEqual({ id: check.id, state: 'DONE' });
    // Another city's admin cannot see or complete it.
    const tainan = await login(demoUser('tainan', 'AGENCY_ADMIN'));
    expect((await gql(COMPLETE, { id: check.id }, tainan)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
