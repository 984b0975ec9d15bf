import { signChallenge } from '@custos/auth';
import { request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { splitBundle, type GraphQLResult } from '../support/gateway-client';
import { demoUser, ownerQuery, platform } from '../support/platform';

/**
 * Login abuse through the gateway. Each test speaks from its own loopback address (127.0.0.x), so the
 * per-address limits it trips touch no other test; identity sees the address the gateway saw. The
 * limits live in PostgreSQL (identity.login_address_attempt, identity.account, identity.login_unknown_username),
 * shared by every identity process: subgraphs/identity/src/login/login-throttle.test.ts runs two.
 */

// identity's defaults (subgraphs/identity/src/env.ts): LOGIN_FAILURES_PER_ADDRESS, LOGIN_CHALLENGES_PER_ADDRESS.
const FAILURES_PER_ADDRESS = 20;
const CHALLENGES_PER_ADDRESS = 60;

const LOGIN = `mutation ($input: PasswordLoginInput!) { loginWithPassword(input: $input) { accessToken } }`;
const CHALLENGE = `mutation ($cityId: ID!) { requestCertificateChallenge(cityId: $cityId) { id challenge } }`;
const CERT_LOGIN = `mutation ($input: CertificateLoginInput!) { loginWithCertificate(input: $input) { accessToken } }`;

function gqlFrom(localAddress: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResult & { ms: number }> {
  const url = new URL(platform().gatewayUrl);
  const body = JSON.stringify({ query, variables });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(token ? { authorization: `Bearer ${token}` } : {}) } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => {
          try {
            resolve({ status: response.statusCode ?? 0, ms: performance.now() - started, ...(JSON.parse(text) as object) });
          } catch {
            reject(new Error(`non-JSON answer ${response.statusCode}: ${text.slice(0, 200)}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const code = (result: GraphQLResult) => result.errors?.[0]?.extensions?.code;
const passwordLogin = (from: string, cityId: string, username: string, password: string) => gqlFrom(from, LOGIN, { input: { cityId, username, password } });

async function certificateLogin(from: string, user: ReturnType<typeof demoUser>) {
  const challenge = (await gqlFrom(from, CHALLENGE, { cityId: user.cityId })).data!.requestCertificateChallenge;
  const { certificatePem, privateKeyPem } = splitBundle(user.certificateBundlePath);
  return gqlFrom(from, CERT_LOGIN, { input: { challengeId: challenge.id, certificatePem, signature: await signChallenge(privateKeyPem, challenge.challenge) } });
}

/** Fails with a wrong password until the answer changes; returns how many failures it took and the final answer. */
async function failUntilLocked(from: string, cityId: string, username: string) {
  const answers: GraphQLResult[] = [];
  for (let i = 0; i < 12; i += 1) {
    const result = await passwordLogin(from, cityId, username, 'wrong-password-123');
    answers.push(result);
    if (code(result) !== 'INVALID_CREDENTIALS') break;
  }
  return { failures: answers.length - 1, last: answers[answers.length - 1]!, answers };
}

const lockedUsers: string[] = [];
async function unlock(username: string) {
  await ownerQuery(`update identity.account set locked_until = null, failed_login_count = 0 where username = $1`, [username]);
}
afterAll(async () => {
  for (const username of lockedUsers) await unlock(username);
});

describe('login abuse', () => {
  it('locks an account after its city’s threshold for a limited time only, and answers an unknown username exactly the same way', async () => {
    const victim = demoUser('taoyuan', 'IT_OFFICER');
    lockedUsers.push(victim.username);
    const real = await failUntilLocked('127.0.0.31', 'taoyuan', victim.username);
    const ghost = await failUntilLocked('127.0.0.32', 'taoyuan', `taoyuan.ghost-${randomUUID().slice(0, 8)}`);

    // Same threshold, same refusal, same shape: nothing tells the attacker which username exists.
    expect(real.failures).toBeGreaterThanOrEqual(3);
    expect(ghost.failures).toBe(real.failures);
    expect(code(real.last)).toBe('ACCOUNT_LOCKED');
    expect(code(ghost.last)).toBe('ACCOUNT_LOCKED');
    expect(real.answers.slice(0, -1).map((r) => r.errors?.[0]?.message)).toEqual(ghost.answers.slice(0, -1).map((r) => r.errors?.[0]?.message));
    const shape = (r: GraphQLResult) => r.errors?.[0]?.message.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/, '<time>');
    expect(shape(real.last)).toBe(shape(ghost.last));

    // While locked even the right password is refused, but the lock is time-boxed (the rules' threshold, minutes not forever).
    const locked = await passwordLogin('127.0.0.31', 'taoyuan', victim.username, victim.password!);
    expect(code(locked)).toBe('ACCOUNT_LOCKED');
    const lockedUntil = Date.parse(String(locked.errors?.[0]?.extensions?.lockedUntil));
    expect(lockedUntil).toBeGreaterThan(Date.now());
    expect(lockedUntil).toBeLessThanOrEqual(Date.now() + 60 * 60_000);

    // A password lockout never blocks the citizen certificate: the official still gets in.
    expect(code(await certificateLogin('127.0.0.33', victim))).toBeUndefined();

    // When the lock runs out (moved into the past here) the right password works again and the count starts over.
    await ownerQuery(`update identity.account set locked_until = now() - interval '1 second' where username = $1`, [victim.username]);
    const after = await passwordLogin('127.0.0.34', 'taoyuan', victim.username, victim.password!);
    expect(code(after)).toBeUndefined();
    expect(after.data?.loginWithPassword.accessToken).toBeTruthy();
  });

  it('takes as long to refuse an unknown username as a wrong password', async () => {
    const known = demoUser('taoyuan', 'AGENCY_HEAD');
    lockedUsers.push(known.username);
    const times = { wrong: [] as number[], unknown: [] as number[] };
    // Five of each, interleaved: ten failures, well under the address limit.
    for (let i = 0; i < 5; i += 1) {
      const wrong = await passwordLogin('127.0.0.41', 'taoyuan', known.username, `wrong-${i}-password`);
      const unknown = await passwordLogin('127.0.0.41', 'taoyuan', `taoyuan.nobody-${randomUUID().slice(0, 8)}`, `wrong-${i}-password`);
      expect(code(wrong)).toBe('INVALID_CREDENTIALS');
      expect(code(unknown)).toBe('INVALID_CREDENTIALS');
      expect(unknown.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
      times.wrong.push(wrong.ms);
      times.unknown.push(unknown.ms);
      await unlock(known.username);
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const ratio = median(times.unknown) / median(times.wrong);
    // Without the decoy hash an unknown username is answered ten or more times faster than a wrong password (the bounds leave room for a loaded machine).
    expect(ratio, JSON.stringify(times)).toBeGreaterThan(0.35);
    expect(ratio, JSON.stringify(times)).toBeLessThan(2.5);
  });

  it('refuses every login from an address after too many failures there, and only from that address', async () => {
    for (let i = 0; i < FAILURES_PER_ADDRESS; i += 1) {
      const result = await passwordLogin('127.0.0.51', 'taoyuan', `taoyuan.spray-${i}-${randomUUID().slice(0, 6)}`, 'Custos-Demo-2026!');
      expect(code(result)).toBe('INVALID_CREDENTIALS');
    }
    const clerk = demoUser('taoyuan', 'CASEWORKER');
    const blocked = await passwordLogin('127.0.0.51', 'taoyuan', clerk.username, clerk.password!);
    expect(code(blocked)).toBe('TOO_MANY_ATTEMPTS');
    expect(blocked.errors?.[0]?.message).toMatch(/Try again in \d+ minutes?/);
    expect(blocked.data ?? null).toBeNull();
    expect(code(await certificateLogin('127.0.0.51', demoUser('changhua', 'CASEWORKER')))).toBe('TOO_MANY_ATTEMPTS');
    // Another address is not affected.
    expect(code(await passwordLogin('127.0.0.52', 'taoyuan', clerk.username, clerk.password!))).toBeUndefined();
  });

  it('limits certificate challenges per address', async () => {
    for (let i = 0; i < CHALLENGES_PER_ADDRESS; i += 1) {
      expect(code(await gqlFrom('127.0.0.61', CHALLENGE, { cityId: 'changhua' }))).toBeUndefined();
    }
    const refused = await gqlFrom('127.0.0.61', CHALLENGE, { cityId: 'changhua' });
    expect(code(refused)).toBe('TOO_MANY_ATTEMPTS');
    expect(code(await gqlFrom('127.0.0.62', CHALLENGE, { cityId: 'changhua' }))).toBeUndefined();
  });

  it('counts the attempts other identity processes saw from an address: the limit lives in the database, not in one process', async () => {
    // Another identity replica's failures from this address, as it stores them.
    await ownerQuery(
      `insert into identity.login_address_attempt (kind, address, attempted_at) select 'FAILURE', '127.0.0.71', now() - interval '1 minute' from generate_series(1, $1)`,
      [FAILURES_PER_ADDRESS],
    );
    const clerk = demoUser('taoyuan', 'CASEWORKER');
    expect(code(await passwordLogin('127.0.0.71', 'taoyuan', clerk.username, clerk.password!))).toBe('TOO_MANY_ATTEMPTS');
    expect(code(await passwordLogin('127.0.0.72', 'taoyuan', clerk.username, clerk.password!))).toBeUndefined();
  });

  it('lets the account’s agency admin end a lockout early (kept in the trail), and refuses another city’s admin', async () => {
    const victim = demoUser('taoyuan', 'IT_OFFICER');
    lockedUsers.push(victim.username);
    await unlock(victim.username);
    const { last } = await failUntilLocked('127.0.0.81', 'taoyuan', victim.username);
    expect(code(last)).toBe('ACCOUNT_LOCKED');
    const [{ id: accountId }] = await ownerQuery(`select id from identity.account where city_id = 'taoyuan' and username = $1`, [victim.username]);
    const UNLOCK = `mutation ($input: AccountStatusInput!) { unlockAccount(input: $input) { id lockedUntil } }`;
    const tokenOf = async (user: ReturnType<typeof demoUser>, from: string) => {
      const result = user.password
        ? await passwordLogin(from, user.cityId, user.username, user.password)
        : await certificateLogin(from, user);
      return (result.data?.loginWithPassword ?? result.data?.loginWithCertificate).accessToken as string;
    };

    // Another city's top admin: no such account in their city, and nothing changes.
    const outsider = await gqlFrom('127.0.0.82', UNLOCK, { input: { accountId, reason: 'x' } }, await tokenOf(demoUser('taipei', 'TOP_ADMIN'), '127.0.0.82'));
    expect(code(outsider)).toBe('NOT_FOUND');
    expect(code(await passwordLogin('127.0.0.83', 'taoyuan', victim.username, victim.password!))).toBe('ACCOUNT_LOCKED');

    const unlocked = await gqlFrom('127.0.0.84', UNLOCK, { input: { accountId, reason: 'help desk: identity checked by phone' } }, await tokenOf(demoUser('taoyuan', 'AGENCY_ADMIN'), '127.0.0.84'));
    expect(unlocked.errors).toBeUndefined();
    expect(unlocked.data?.unlockAccount).toEqual({ id: accountId, lockedUntil: null });
    expect(code(await passwordLogin('127.0.0.85', 'taoyuan', victim.username, victim.password!))).toBeUndefined();
    const trail = await ownerQuery(`select operation, before, after from identity.mutation_trail where table_name = 'account' and row_id = $1 and operation = 'mutation unlockAccount'`, [accountId]);
    expect(trail).toHaveLength(1);
    expect(trail[0].before.locked_until).toBeTruthy();
    expect(trail[0].after.locked_until).toBeNull();
  });
});
