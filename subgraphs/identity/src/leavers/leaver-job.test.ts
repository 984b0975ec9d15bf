import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { demoUsers } from '@custos/demo';
import { toTaiwanDate } from '@custos/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPrincipal, startIdentityFixture, type IdentityFixture } from '../testing/identity-fixture';
import { addDays } from '../validation';
import { revokeDueAccounts } from './leaver-job';

const RECORD = `mutation ($input: DutyChangeInput!) {
  recordDutyChange(input: $input) { revokeOn citation person { employmentStatus leftOn } accounts { id status revokeOn } }
}`;
const REACTIVATE = `mutation ($input: AccountStatusInput!) { reactivateAccount(input: $input) { id status } }`;

const demo = (username: string) => demoUsers.find((user) => user.username === username)!;
const today = toTaiwanDate(new Date());
/** Noon in Taipei on a date. */
const noonOn = (date: string) => new Date(`${date}T04:00:00Z`);

let fixture: IdentityFixture;
beforeAll(async () => {
  fixture = await startIdentityFixture({ certificateUsers: [] });
});
afterAll(() => fixture?.stop());

async function statusOf(username: string): Promise<{ status: string; revoke_on: string | null }> {
  const [row] = (await fixture.db.query(`select status, to_char(revoke_on, 'YYYY-MM-DD') as revoke_on from identity.account where username = $1`, [username])).rows;
  return row;
}

const runJob = (now: Date) => revokeDueAccounts(fixture.identity.dataSource, fixture.identity.services.lifecycle, now);

describe('movers and leavers', () => {
  it('Changhua 4(六): a move schedules the revocation for the move date, and the job revokes on that day, not before', async () => {
    const moveOn = addDays(today, 10);
    const result = await fixture.client.execute(RECORD, { input: { personId: demo('changhua.clerk').personId, kind: 'MOVED', effectiveOn: moveOn, reason: '調任勞工處' } }, demoPrincipal('changhua.admin'));
    expect(result.errors).toBeUndefined();
    expect(result.data.recordDutyChange).toMatchObject({
      revokeOn: moveOn,
      citation: 'Changhua 4(六)',
      person: { employmentStatus: 'MOVED', leftOn: moveOn },
      accounts: [{ status: 'ACTIVE', revokeOn: moveOn }],
    });

    expect((await runJob(noonOn(addDays(moveOn, -1)))).revoked).toEqual([]);
    expect(await statusOf('changhua.clerk')).toEqual({ status: 'ACTIVE', revoke_on: moveOn });

    const { revoked } = await runJob(noonOn(moveOn));
    expect(revoked).toEqual([{ cityId: 'changhua', accountId: demo('changhua.clerk').accountId, username: 'changhua.clerk', revokeOn: moveOn }]);
    expect((await statusOf('changhua.clerk')).status).toBe('REVOKED');
    const [change] = (await fixture.db.query(`select actor_kind, actor_account_id, reason from identity.change_record where entity_id = $1 and action = 'ACCOUNT_REVOKED'`, [demo('changhua.clerk').accountId])).rows;
    expect(change).toMatchObject({ actor_kind: 'SYSTEM', actor_account_id: null });
    expect(change.reason).toMatch(/Changhua 4\(六\)/);
    const [feed] = (await fixture.db.query(`select count(*)::int as n from identity.token_revocation where kind = 'ACCOUNT' and subject = $1`, [demo('changhua.clerk').accountId])).rows;
    expect(feed.n).toBe(1);
    // Idempotent: running again revokes nothing more.
    expect((await runJob(noonOn(moveOn))).revoked).toEqual([]);
  });

  it('a departure dated today revokes at once, and the account can never be reactivated', async () => {
    const result = await fixture.client.execute(RECORD, { input: { personId: demo('taoyuan.clerk').personId, kind: 'DEPARTED', effectiveOn: today, reason: '離職' } }, demoPrincipal('taoyuan.agencyadmin'));
    expect(result.data.recordDutyChange.accounts).toEqual([expect.objectContaining({ status: 'REVOKED', revokeOn: null })]);
    // Taoyuan's rules set no deadline: a departure is still revoked on its date.
    expect(result.data.recordDutyChange.citation).toMatch(/platform rule/);
    const reactivate = await fixture.client.execute(REACTIVATE, { input: { accountId: demo('taoyuan.clerk').accountId, reason: 'x' } }, demoPrincipal('taoyuan.admin'));
    expect(reactivate.errors?.[0]?.extensions?.code).toBe('PERSON_HAS_LEFT');
  });

  it('where the rules leave moves to the periodic review (Tainan 4(二)1), a move schedules nothing; a departure does', async () => {
    const moved = await fixture.client.execute(RECORD, { input: { personId: demo('tainan.clerk').personId, kind: 'MOVED', effectiveOn: today, reason: '調職' } }, demoPrincipal('tainan.agencyadmin'));
    expect(moved.data.recordDutyChange).toMatchObject({ revokeOn: null, citation: 'Tainan 4(二)1', accounts: [{ status: 'ACTIVE', revokeOn: null }] });
    expect((await runJob(noonOn(addDays(today, 30)))).revoked.filter((entry) => entry.cityId === 'tainan')).toEqual([]);
    const departed = await fixture.client.execute(RECORD, { input: { personId: demo('tainan.head').personId, kind: 'DEPARTED', effectiveOn: addDays(today, 3), reason: '退休' } }, demoPrincipal('tainan.agencyadmin'));
    expect(departed.data.recordDutyChange.revokeOn).toBe(addDays(today, 3));
  });

  it('refuses: another city’s person, one’s own departure, an agency admin for someone holding accounts elsewhere, a bad date, a caseworker', async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['tainan.admin', { personId: demo('taoyuan.head').personId }, 'UNKNOWN_PERSON'],
      ['taoyuan.agencyadmin', { personId: demo('taoyuan.agencyadmin').personId }, 'FORBIDDEN'],
      ['taoyuan.agencyadmin', { personId: demo('taoyuan.admin').personId }, 'FORBIDDEN'],
      ['taoyuan.admin', { personId: demo('taoyuan.head').personId, effectiveOn: '2026-02-30' }, 'INVALID_DATE'],
      ['taoyuan.head', { personId: demo('taoyuan.auditor').personId }, 'FORBIDDEN'],
    ];
    for (const [actor, overrides, code] of cases) {
      const input = { personId: demo('taoyuan.head').personId, kind: 'DEPARTED', effectiveOn: today, reason: 'x', ...overrides };
      const result = await fixture.client.execute(RECORD, { input }, demoPrincipal(actor));
      expect(result.errors?.[0]?.extensions?.code, `${actor} ${JSON.stringify(overrides)}`).toBe(code);
    }
    expect((await statusOf('taoyuan.head')).status).toBe('ACTIVE');
    expect((await statusOf('taoyuan.admin')).status).toBe('ACTIVE');
  });

  it('the job also runs from its command line, with the subgraph’s configuration', async () => {
    const leaveOn = addDays(today, 0);
    await fixture.client.execute(RECORD, { input: { personId: demo('taipei.head').personId, kind: 'MOVED', effectiveOn: addDays(leaveOn, 1), reason: 'moved' } }, demoPrincipal('taipei.admin'));
    await fixture.db.query(`update identity.account set revoke_on = $1 where username = 'taipei.head'`, [leaveOn]); // as if the day had come
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/leavers/revoke-leavers.cli.ts'], {
      cwd: fileURLToPath(new URL('../../', import.meta.url)),
      encoding: 'utf8',
      env: {
        ...process.env,
        SUBGRAPH_DATABASE_URL: fixture.db.appUrl('identity'),
        SUBGRAPH_PORT: '0',
        GATEWAY_PUBLIC_KEY: JSON.stringify(fixture.keys.gateway.publicJwk),
        IDENTITY_SIGNING_KEY: JSON.stringify(fixture.keys.identity.privateJwk),
        TRUSTED_CA_CERTIFICATES: fixture.certificates.caCertificatePem,
      },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('"username":"taipei.head"');
    expect((await statusOf('taipei.head')).status).toBe('REVOKED');
  });
});
