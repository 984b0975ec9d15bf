import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD, demoUsers } from '@custos/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPrincipal, startIdentityFixture, type IdentityFixture } from '../testing/identity-fixture';
import { rulesLoginPolicies } from './rules-login-policies';

/**
 * The login limits are shared by every identity process: two processes on one database (replicas, or
 * one process before and after a restart) count the same failures, and parallel guesses cannot outrun
 * the lockout. Admins can end a lockout early, in their own city only.
 */

const LOGIN = `mutation ($input: PasswordLoginInput!) { loginWithPassword(input: $input) { accessToken } }`;
const CHALLENGE = `mutation ($cityId: ID!) { requestCertificateChallenge(cityId: $cityId) { id } }`;
const UNLOCK = `mutation ($input: AccountStatusInput!) { unlockAccount(input: $input) { id username lockedUntil } }`;
const ACCOUNT = `query ($id: ID!) { account(id: $id) { id lockedUntil } }`;

const THRESHOLD = rulesLoginPolicies.at('taoyuan', new Date()).lockoutThreshold;
const user = (username: string) => demoUsers.find((u) => u.username === username)!;
const code = (result: { errors?: Array<{ extensions?: { code?: string } }> }) => result.errors?.[0]?.extensions?.code;

type Client = IdentityFixture['client'];
const login = (client: Client, username: string, password: string, address: string, cityId = 'taoyuan') =>
  client.execute(LOGIN, { input: { cityId, username, password } }, undefined, address);

let fixture: IdentityFixture;
let replica: Awaited<ReturnType<IdentityFixture['replica']>>;
beforeAll(async () => {
  // A generous address limit, so these tests reach the account lockout without tripping it.
  fixture = await startIdentityFixture({ certificateUsers: [], config: { LOGIN_FAILURES_PER_ADDRESS: 40, LOGIN_CHALLENGES_PER_ADDRESS: 10 } });
  replica = await fixture.replica();
});
afterAll(() => fixture?.stop());

async function resetLockout(username: string) {
  await fixture.db.query(`update identity.account set failed_login_count = 0, locked_until = null where username = $1`, [username]);
}

describe('limits shared across identity processes', () => {
  it('locks an account after the threshold counted across two processes, and a process started afterwards still refuses it', async () => {
    expect(THRESHOLD).toBeGreaterThanOrEqual(2);
    const target = user('taoyuan.itofficer');
    const answers = [];
    for (let i = 0; i < THRESHOLD; i += 1) answers.push(code(await login(i % 2 ? replica.client : fixture.client, target.username, `wrong-${i}`, '10.1.0.1')));
    expect(answers).toEqual(Array(THRESHOLD).fill('INVALID_CREDENTIALS'));
    // Locked on both processes, even for the right password.
    expect(code(await login(fixture.client, target.username, DEMO_PASSWORD, '10.1.0.2'))).toBe('ACCOUNT_LOCKED');
    expect(code(await login(replica.client, target.username, DEMO_PASSWORD, '10.1.0.3'))).toBe('ACCOUNT_LOCKED');
    // A restart forgets nothing.
    const restarted = await fixture.replica();
    try {
      expect(code(await login(restarted.client, target.username, DEMO_PASSWORD, '10.1.0.4'))).toBe('ACCOUNT_LOCKED');
    } finally {
      await restarted.stop();
    }
    await resetLockout(target.username);
  });

  it('locks a username without an account at the same threshold, across processes, with the same answers', async () => {
    const ghost = `taoyuan.ghost-${randomUUID().slice(0, 8)}`;
    const answers = [];
    for (let i = 0; i <= THRESHOLD; i += 1) answers.push(code(await login(i % 2 ? replica.client : fixture.client, ghost, `wrong-${i}`, '10.1.1.1')));
    expect(answers).toEqual([...Array(THRESHOLD).fill('INVALID_CREDENTIALS'), 'ACCOUNT_LOCKED']);
    // What was typed as a username is kept only as a digest.
    const stored = JSON.stringify((await fixture.db.query(`select * from identity.login_unknown_username`)).rows);
    expect(stored).not.toContain(ghost);
  });

  it('counts failures per address across processes: past the limit that address is refused everywhere, others are not', async () => {
    const limited = await startIdentityFixture({ certificateUsers: [], config: { LOGIN_FAILURES_PER_ADDRESS: 6 } });
    const other = await limited.replica();
    try {
      for (let i = 0; i < 6; i += 1) {
        const result = await login(i % 2 ? other.client : limited.client, `taoyuan.spray-${i}-${randomUUID().slice(0, 6)}`, 'x-wrong-password', '10.2.0.1');
        expect(code(result)).toBe('INVALID_CREDENTIALS');
      }
      for (const client of [limited.client, other.client]) {
        const refused = await login(client, 'taoyuan.clerk', DEMO_PASSWORD, '10.2.0.1');
        expect(code(refused)).toBe('TOO_MANY_ATTEMPTS');
        expect(refused.errors?.[0]?.message).toMatch(/Try again in \d+ minutes?/);
      }
      // The refusal is time-boxed: once the window has passed (moved into the past here), the address may try again.
      await limited.db.query(`update identity.login_address_attempt set attempted_at = attempted_at - interval '11 minutes' where address = '10.2.0.1'`);
      expect(code(await login(other.client, 'taoyuan.clerk', DEMO_PASSWORD, '10.2.0.1'))).toBeUndefined();
      // Another address was never affected, and a successful login is not charged to its address.
      for (let i = 0; i < 8; i += 1) expect(code(await login(limited.client, 'taoyuan.clerk', DEMO_PASSWORD, '10.2.0.2'))).toBeUndefined();
    } finally {
      await other.stop();
      await limited.stop();
    }
  });

  it('limits certificate challenges per address across processes', async () => {
    for (let i = 0; i < 10; i += 1) expect(code(await (i % 2 ? replica.client : fixture.client).execute(CHALLENGE, { cityId: 'changhua' }, undefined, '10.3.0.1'))).toBeUndefined();
    expect(code(await replica.client.execute(CHALLENGE, { cityId: 'changhua' }, undefined, '10.3.0.1'))).toBe('TOO_MANY_ATTEMPTS');
    expect(code(await fixture.client.execute(CHALLENGE, { cityId: 'changhua' }, undefined, '10.3.0.2'))).toBeUndefined();
  });

  it('lets no more than the threshold of parallel wrong guesses through before the lockout', async () => {
    const target = user('taoyuan.director');
    const guesses = await Promise.all(
      Array.from({ length: THRESHOLD * 3 }, (_, i) => login(i % 2 ? replica.client : fixture.client, target.username, `parallel-${i}`, `10.4.0.${i + 1}`)),
    );
    const codes = guesses.map(code);
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS').length).toBe(THRESHOLD);
    expect(codes.filter((c) => c === 'ACCOUNT_LOCKED').length).toBe(THRESHOLD * 2);
    await resetLockout(target.username);
  });
});

describe('unlocking an account', () => {
  async function lockOut(username: string) {
    for (let i = 0; i < THRESHOLD; i += 1) await login(fixture.client, username, `wrong-${i}`, '10.5.0.1');
    expect(code(await login(fixture.client, username, DEMO_PASSWORD, '10.5.0.2'))).toBe('ACCOUNT_LOCKED');
  }

  it('the account’s agency admin ends the lockout; it is kept in the change history and the audit trail', async () => {
    const clerk = user('taoyuan.clerk');
    await lockOut(clerk.username);
    const seen = await fixture.client.execute(ACCOUNT, { id: clerk.accountId }, demoPrincipal('taoyuan.agencyadmin'));
    expect(Date.parse(seen.data.account.lockedUntil)).toBeGreaterThan(Date.now());

    const result = await fixture.client.execute(UNLOCK, { input: { accountId: clerk.accountId, reason: 'called the help desk, identity checked' } }, demoPrincipal('taoyuan.agencyadmin'), '10.5.0.9');
    expect(result.errors).toBeUndefined();
    expect(result.data.unlockAccount).toMatchObject({ id: clerk.accountId, lockedUntil: null });
    expect(code(await login(fixture.client, clerk.username, DEMO_PASSWORD, '10.5.0.3'))).toBeUndefined();

    const [change] = (await fixture.db.query(`select actor_account_id, reason, before, after from identity.change_record where entity_id = $1 and action = 'ACCOUNT_UNLOCKED'`, [clerk.accountId])).rows;
    expect(change).toMatchObject({ actor_account_id: user('taoyuan.agencyadmin').accountId, reason: 'called the help desk, identity checked', after: { lockedUntil: null } });
    expect(change.before.lockedUntil).toBeTruthy();
    const trail = (
      await fixture.db.query(`select account_id, client_address, arguments, before, after from identity.mutation_trail where operation = 'mutation unlockAccount' and table_name = 'account' and row_id = $1`, [
        clerk.accountId,
      ])
    ).rows;
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ account_id: user('taoyuan.agencyadmin').accountId, client_address: '10.5.0.9', after: { locked_until: null, failed_login_count: 0 } });
    expect(trail[0].before.locked_until).toBeTruthy();
    expect(trail[0].arguments.input.reason).toBe('called the help desk, identity checked');
  });

  it('the city’s top admin may unlock; a caseworker may not; an agency admin may not unlock the top admin', async () => {
    const clerk = user('taoyuan.head');
    await lockOut(clerk.username);
    const refused = await fixture.client.execute(UNLOCK, { input: { accountId: clerk.accountId, reason: 'x' } }, demoPrincipal('taoyuan.clerk'));
    expect(code(refused)).toBe('FORBIDDEN');
    const admin = user('taoyuan.admin');
    await lockOut(admin.username);
    expect(code(await fixture.client.execute(UNLOCK, { input: { accountId: admin.accountId, reason: 'x' } }, demoPrincipal('taoyuan.agencyadmin')))).toBe('FORBIDDEN');
    const ok = await fixture.client.execute(UNLOCK, { input: { accountId: clerk.accountId, reason: 'help desk' } }, demoPrincipal('taoyuan.admin'));
    expect(ok.errors).toBeUndefined();
    await resetLockout(admin.username);
    // Nothing to unlock is said plainly.
    expect(code(await fixture.client.execute(UNLOCK, { input: { accountId: clerk.accountId, reason: 'again' } }, demoPrincipal('taoyuan.admin')))).toBe('ACCOUNT_NOT_LOCKED');
  });

  it('refuses another city’s account and changes nothing', async () => {
    const victim = user('taipei.clerk');
    for (let i = 0; i < THRESHOLD; i += 1) await login(fixture.client, victim.username, `wrong-${i}`, '10.5.1.1', 'taipei');
    const [before] = (await fixture.db.query(`select locked_until, failed_login_count from identity.account where id = $1`, [victim.accountId])).rows;
    expect(before.locked_until).toBeTruthy();
    for (const admin of ['taoyuan.admin', 'taoyuan.agencyadmin']) {
      const result = await fixture.client.execute(UNLOCK, { input: { accountId: victim.accountId, reason: 'x' } }, demoPrincipal(admin));
      expect(code(result)).toBe('NOT_FOUND');
      expect(result.data ?? null).toBeNull();
    }
    const [after] = (await fixture.db.query(`select locked_until, failed_login_count from identity.account where id = $1`, [victim.accountId])).rows;
    expect(after).toEqual(before);
    await resetLockout(victim.username);
  });
});
