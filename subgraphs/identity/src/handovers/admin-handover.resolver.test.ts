import { randomBytes } from 'node:crypto';
import { demoAgencyId, demoUsers } from '@custos/demo';
import { toTaiwanDate } from '@custos/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeDueAccounts } from '../leavers/leaver-job';
import { demoPrincipal, startIdentityFixture, testNationalId, type IdentityFixture } from '../testing/identity-fixture';
import { addDays } from '../validation';

const HANDOVER = `mutation ($input: AdminHandoverInput!) {
  recordAdminHandover(input: $input) {
    id roles moveOn late citation incomingActiveAt outgoingStoppedAt
    outgoing { username status revokeOn } incoming { username status roles }
    handedOver { kind count reference } roster { username roles }
    bureauNotice { obligationId citation dueOn state notifiedOn }
  }
}`;
const NOTIFIED = `mutation ($input: BureauNotifiedInput!) { recordBureauNotified(input: $input) { bureauNotice { state notifiedOn reference } } }`;
const LIST = `query { adminHandovers(first: 10) { nodes { id bureauNotice { state dueOn } recordedByAccount { username } } } }`;
const CREATE = `mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id username } }`;
const SUSPEND = `mutation ($input: AccountStatusInput!) { suspendAccount(input: $input) { id } }`;

const demo = (username: string) => demoUsers.find((user) => user.username === username)!;
const today = toTaiwanDate(new Date());
let serial = 0;

let fixture: IdentityFixture;
beforeAll(async () => {
  fixture = await startIdentityFixture({ certificateUsers: [] });
});
afterAll(() => fixture?.stop());

/** A new colleague in the agency, ready to take over. */
async function newColleague(cityId: string, agencyKey = 'social', roles = ['IT_OFFICER']): Promise<{ id: string; username: string }> {
  const input = {
    person: { displayName: `接任者 ${serial}`, nationalId: testNationalId(5000 + serial++), myEGovAccountId: `m-${randomBytes(3).toString('hex')}`, certificateFingerprint: randomBytes(32).toString('hex') },
    agencyId: demoAgencyId(cityId, agencyKey),
    username: `${cityId}.successor${serial}`,
    roles,
    reason: 'successor admin',
  };
  const result = await fixture.client.execute(CREATE, { input }, demoPrincipal(`${cityId}.admin`));
  expect(result.errors).toBeUndefined();
  return result.data.createAccount;
}

describe('admin handover (Changhua 4(三)(四)(八))', () => {
  it('the new admin is active first, the old is stopped on the move date, the roster and audit records are listed, and the bureau notice is due in 7 days', async () => {
    const successor = await newColleague('changhua');
    const moveOn = addDays(today, 5);
    const result = await fixture.client.execute(
      HANDOVER,
      { input: { outgoingAccountId: demo('changhua.agencyadmin').accountId, incomingAccountId: successor.id, moveOn, reason: '業務調動' } },
      demoPrincipal('changhua.admin'),
    );
    expect(result.errors).toBeUndefined();
    const handover = result.data.recordAdminHandover;
    expect(handover).toMatchObject({
      roles: ['AGENCY_ADMIN'],
      moveOn,
      late: false,
      citation: 'Changhua 4(三), 4(四)',
      outgoingStoppedAt: null,
      outgoing: { username: 'changhua.agencyadmin', status: 'ACTIVE', revokeOn: moveOn },
      incoming: { username: successor.username, status: 'ACTIVE', roles: ['IT_OFFICER', 'AGENCY_ADMIN'] },
      bureauNotice: { obligationId: 'notify-bureau-of-change', citation: 'Changhua 4(八)', dueOn: addDays(today, 7), state: 'OPEN', notifiedOn: null },
    });
    expect(handover.handedOver.map((item: { kind: string }) => item.kind)).toEqual(['user-roster', 'audit-records']);
    expect(handover.handedOver[0].count).toBe(handover.roster.length);
    expect(handover.roster.map((entry: { username: string }) => entry.username)).toEqual(expect.arrayContaining(['changhua.clerk', 'changhua.agencyadmin', successor.username]));
    expect(handover.handedOver[1].count).toBeGreaterThan(0); // the successor's creation, at least

    // The event the audit calendar reads.
    const events = (await fixture.db.query(`select kind, obligation_id, to_char(due_on, 'YYYY-MM-DD') as due_on, subject_id, delivered_at from identity.obligation_event where subject_id = $1`, [handover.id])).rows;
    expect(events).toEqual([{ kind: 'admin-changed', obligation_id: 'notify-bureau-of-change', due_on: addDays(today, 7), subject_id: handover.id, delivered_at: null }]);

    // On the move date the leaver job stops the old admin.
    const { revoked } = await revokeDueAccounts(fixture.identity.dataSource, fixture.identity.services.lifecycle, new Date(`${moveOn}T04:00:00Z`));
    expect(revoked.map((entry) => entry.username)).toContain('changhua.agencyadmin');
  });

  it('the notice shows as overdue after its due date, until the bureau notification is recorded', async () => {
    const [{ id }] = (await fixture.db.query(`select id from identity.admin_handover where city_id = 'changhua' limit 1`)).rows;
    await fixture.db.query(`update identity.admin_handover set bureau_notice_due_on = $1 where id = $2`, [addDays(today, -1), id]);
    const overdue = await fixture.client.execute(LIST, {}, demoPrincipal('changhua.auditor'));
    expect(overdue.data.adminHandovers.nodes[0]).toMatchObject({ id, bureauNotice: { state: 'OVERDUE' }, recordedByAccount: { username: 'changhua.admin' } });
    const future = await fixture.client.execute(NOTIFIED, { input: { handoverId: id, notifiedOn: addDays(today, 1), reference: '彰府社字第1號' } }, demoPrincipal('changhua.admin'));
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'DATE_IN_FUTURE', field: 'notifiedOn' });
    const done = await fixture.client.execute(NOTIFIED, { input: { handoverId: id, notifiedOn: today, reference: '彰府社字第1號' } }, demoPrincipal('changhua.admin'));
    expect(done.data.recordBureauNotified.bureauNotice).toEqual({ state: 'DONE', notifiedOn: today, reference: '彰府社字第1號' });
    const twice = await fixture.client.execute(NOTIFIED, { input: { handoverId: id, notifiedOn: today, reference: 'again' } }, demoPrincipal('changhua.admin'));
    expect(twice.errors?.[0]?.extensions?.code).toBe('ALREADY_NOTIFIED');
  });

  it('a move date that has come stops the old admin at once, after the new one holds the role', async () => {
    const successor = await newColleague('tainan');
    const result = await fixture.client.execute(
      HANDOVER,
      { input: { outgoingAccountId: demo('tainan.agencyadmin').accountId, incomingAccountId: successor.id, moveOn: today, reason: '退休' } },
      demoPrincipal('tainan.admin'),
    );
    const handover = result.data.recordAdminHandover;
    expect(handover.outgoing.status).toBe('REVOKED');
    expect(new Date(handover.incomingActiveAt).getTime()).toBeLessThanOrEqual(new Date(handover.outgoingStoppedAt).getTime());
    // Tainan 4(二)2 hands over the roster and the query records; it requires no bureau notice.
    expect(handover.handedOver.map((item: { kind: string }) => item.kind)).toEqual(['user-roster', 'query-records']);
    expect(handover.bureauNotice).toBeNull();
  });

  it('refuses: an inactive successor (citing the rule), another agency, a non-admin, one’s own role, another city, an agency admin over the top admin', async () => {
    const suspended = await newColleague('changhua');
    await fixture.client.execute(SUSPEND, { input: { accountId: suspended.id, reason: 'not yet' } }, demoPrincipal('changhua.admin'));
    const inOtherAgency = await newColleague('taoyuan', 'district');
    const taoyuanSuccessor = await newColleague('taoyuan');
    const governingColleague = await newColleague('taoyuan', 'governing');
    const cases: Array<[string, Record<string, string>, string, string?]> = [
      ['changhua.admin', { outgoingAccountId: demo('changhua.head').accountId, incomingAccountId: suspended.id }, 'NOT_AN_ADMIN'],
      ['taoyuan.admin', { outgoingAccountId: demo('taoyuan.agencyadmin').accountId, incomingAccountId: inOtherAgency.id }, 'INCOMING_OTHER_AGENCY'],
      ['taoyuan.agencyadmin', { outgoingAccountId: demo('taoyuan.agencyadmin').accountId, incomingAccountId: taoyuanSuccessor.id }, 'FORBIDDEN', 'SELF_CHANGE'],
      ['tainan.admin', { outgoingAccountId: demo('taoyuan.agencyadmin').accountId, incomingAccountId: taoyuanSuccessor.id }, 'NOT_FOUND'],
      ['taoyuan.agencyadmin', { outgoingAccountId: demo('taoyuan.admin').accountId, incomingAccountId: governingColleague.id }, 'FORBIDDEN', 'AGENCY_OUT_OF_SCOPE'],
    ];
    for (const [actor, ids, code, reason] of cases) {
      const result = await fixture.client.execute(HANDOVER, { input: { ...ids, moveOn: today, reason: 'x' } }, demoPrincipal(actor));
      expect(result.errors?.[0]?.extensions, `${actor} ${code}`).toMatchObject({ code, ...(reason ? { reason } : {}) });
    }
    // Changhua 4(三): the successor must be active before the old admin is stopped.
    const changhuaAdminSuccessor = await newColleague('changhua', 'governing');
    await fixture.client.execute(SUSPEND, { input: { accountId: changhuaAdminSuccessor.id, reason: 'not yet' } }, demoPrincipal('changhua.admin'));
    const inactive = await fixture.client.execute(HANDOVER, { input: { outgoingAccountId: demo('changhua.admin').accountId, incomingAccountId: changhuaAdminSuccessor.id, moveOn: today, reason: 'x' } }, demoPrincipal('changhua.admin'));
    expect(inactive.errors?.[0]?.extensions).toMatchObject({ code: 'INCOMING_NOT_ACTIVE', citation: 'Changhua 4(三), 4(四)' });
    const [{ n }] = (await fixture.db.query(`select count(*)::int as n from identity.admin_handover where city_id in ('taoyuan')`)).rows;
    expect(n).toBe(0);
    const [top] = (await fixture.db.query(`select status from identity.account where username = 'taoyuan.admin'`)).rows;
    expect(top.status).toBe('ACTIVE');
  });
});
