import { randomBytes } from 'node:crypto';
import { demoAgencyId } from '@custos/demo';
import { describe, expect, it } from 'vitest';
import { gql, login } from '../support/gateway-client';
import { demoUser, ownerQuery } from '../support/platform';

/**
 * Issue 4 through the gateway: the account lifecycle commands, the change history, and tokens
 * that stop working at once when an account is suspended or a session logs out.
 */
const ME = `query { me { id status } }`;
const PASSWORD_LOGIN = `mutation ($input: PasswordLoginInput!) { loginWithPassword(input: $input) { accessToken refreshToken } }`;
const CREATE = `mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id username status person { nationalIdMasked } } }`;
const SUSPEND = `mutation ($input: AccountStatusInput!) { suspendAccount(input: $input) { id status } }`;
const REACTIVATE = `mutation ($input: AccountStatusInput!) { reactivateAccount(input: $input) { id status } }`;
const CHANGES = `query ($entityId: ID) { identityChanges(first: 10, entityId: $entityId) { nodes { action reason clientAddress actor { username } } } }`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long until the gateway refuses `token` (it polls identity's revocation feed about every second). */
async function msUntilRefused(token: string, limitMs = 5_000): Promise<number> {
  const start = Date.now();
  for (;;) {
    const result = await gql(ME, {}, token);
    if (result.status === 401) {
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      return Date.now() - start;
    }
    if (Date.now() - start > limitMs) throw new Error('the token still works');
    await sleep(100);
  }
}

function newAccountInput(agencyKey: string, overrides: Record<string, unknown> = {}) {
  // A valid national ID: A1 + 7 random digits + the check digit (security-notes.md).
  const digits = `1${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const sum = 1 + [...digits].reduce((total, digit, index) => total + Number(digit) * [8, 7, 6, 5, 4, 3, 2, 1][index]!, 0);
  return {
    person: { displayName: '測試人員', nationalId: `A${digits}${(10 - (sum % 10)) % 10}`, myEGovAccountId: `myegov-${randomBytes(4).toString('hex')}`, certificateFingerprint: randomBytes(32).toString('hex') },
    agencyId: demoAgencyId('taoyuan', agencyKey),
    username: `taoyuan.e2e${randomBytes(3).toString('hex')}`,
    roles: ['CASEWORKER'],
    reason: '附表二 approved',
    ...overrides,
  };
}

describe('tokens stop working at once', () => {
  it('a suspended account’s access token is refused within about a second, and works again only after a new login', async () => {
    const head = demoUser('taoyuan', 'UNIT_HEAD');
    const token = await login(head);
    expect((await gql(ME, {}, token)).data.me.status).toBe('ACTIVE');
    const admin = await login(demoUser('taoyuan', 'AGENCY_ADMIN'));
    const accountId = (await gql(ME, {}, token)).data.me.id;
    const suspended = await gql(SUSPEND, { input: { accountId, reason: 'e2e: suspended for an investigation' } }, admin);
    expect(suspended.data.suspendAccount.status).toBe('SUSPENDED');
    expect(await msUntilRefused(token)).toBeLessThan(2_500);

    await gql(REACTIVATE, { input: { accountId, reason: 'e2e: cleared' } }, admin);
    // Tokens issued in the second of the suspension stay refused; a fresh login a second later works.
    await sleep(1_100);
    expect((await gql(ME, {}, token)).status).toBe(401);
    const fresh = await login(head);
    expect((await gql(ME, {}, fresh)).data.me.status).toBe('ACTIVE');
  });

  it('logging out refuses that session’s access token from the next request on, and its refresh token', async () => {
    const user = demoUser('taoyuan', 'AUDITOR');
    const loggedIn = await gql(PASSWORD_LOGIN, { input: { cityId: 'taoyuan', username: user.username, password: user.password } });
    expect(loggedIn.errors).toBeUndefined();
    const session = loggedIn.data.loginWithPassword;
    expect((await gql(ME, {}, session.accessToken)).data.me.status).toBe('ACTIVE');
    const other = await login(user); // another session of the same person is not affected
    const logout = await gql(`mutation ($refreshToken: String!) { logout(refreshToken: $refreshToken) }`, { refreshToken: session.refreshToken }, session.accessToken);
    expect(logout.data.logout).toBe(true);
    // The gateway that passed the logout on refuses the token at once (it reads the revocation feed before answering).
    expect((await gql(ME, {}, session.accessToken)).status).toBe(401);
    expect((await gql(ME, {}, other)).data.me.status).toBe('ACTIVE');
    const refresh = await gql(`mutation ($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { accessToken } }`, { refreshToken: session.refreshToken });
    expect(refresh.errors?.[0]?.extensions?.code).toBe('REFRESH_TOKEN_INVALID');
  });
});

describe('the account lifecycle through the gateway', () => {
  it('an agency admin opens an account in their agency, and the auditor sees who did it, from where and why', async () => {
    const admin = await login(demoUser('taoyuan', 'AGENCY_ADMIN'));
    const created = await gql(CREATE, { input: newAccountInput('social') }, admin);
    expect(created.errors).toBeUndefined();
    expect(created.data.createAccount).toMatchObject({ status: 'ACTIVE', person: { nationalIdMasked: expect.stringMatching(/^A1\d{2}\*{4}\d{2}$/) } });
    const auditor = await login(demoUser('taoyuan', 'AUDITOR'));
    const changes = await gql(CHANGES, { entityId: created.data.createAccount.id }, auditor);
    expect(changes.data.identityChanges.nodes).toEqual([
      { action: 'ACCOUNT_CREATED', reason: '附表二 approved', clientAddress: expect.stringMatching(/127\.0\.0\.1/), actor: { username: demoUser('taoyuan', 'AGENCY_ADMIN').username } },
    ]);
    // The admin may not read the history of their own changes.
    expect((await gql(CHANGES, {}, admin)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses: outside the agency admin’s agency, another city’s admin, a vendor as caseworker, one’s own account', async () => {
    const admin = await login(demoUser('taoyuan', 'AGENCY_ADMIN'));
    const before = await ownerQuery(`select count(*)::int as n from identity.account`);
    const outside = await gql(CREATE, { input: newAccountInput('district') }, admin);
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'AGENCY_OUT_OF_SCOPE' });
    const vendor = await gql(CREATE, { input: newAccountInput('social', { person: { ...newAccountInput('social').person, isVendorStaff: true } }) }, admin);
    expect(vendor.errors?.[0]?.extensions).toMatchObject({ code: 'VENDOR_CANNOT_QUERY' });
    const ownId = (await gql(ME, {}, admin)).data.me.id;
    const self = await gql(SUSPEND, { input: { accountId: ownId, reason: 'x' } }, admin);
    expect(self.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SELF_CHANGE' });
    const tainanAdmin = await login(demoUser('tainan', 'TOP_ADMIN'));
    const otherCity = await gql(SUSPEND, { input: { accountId: ownId, reason: 'x' } }, tainanAdmin);
    expect(otherCity.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await ownerQuery(`select count(*)::int as n from identity.account`)).toEqual(before);
    expect((await gql(ME, {}, admin)).data.me.status).toBe('ACTIVE');
  });
});

describe('a reporting tool’s API token through the gateway', () => {
  it('is exchanged for an access token that reads as an auditor, and stops within about a second once revoked', async () => {
    const admin = await login(demoUser('tainan', 'TOP_ADMIN'));
    const auditor = demoUser('tainan', 'AUDITOR');
    const [{ person_id: responsiblePersonId }] = await ownerQuery(`select person_id from identity.account where username = $1`, [auditor.username]);
    const created = await gql(
      `mutation ($input: CreateServiceAccountInput!) { createServiceAccount(input: $input) { id } }`,
      { input: { name: `e2e-${randomBytes(3).toString('hex')}`, responsiblePersonId, agencyId: demoAgencyId('tainan', 'social'), roles: ['AUDITOR'], reason: 'e2e reporting tool' } },
      admin,
    );
    expect(created.errors).toBeUndefined();
    const issued = await gql(
      `mutation ($input: IssueApiTokenInput!) { issueApiToken(input: $input) { token apiToken { id } } }`,
      { input: { serviceAccountId: created.data.createServiceAccount.id, name: 'e2e', scopes: ['AUDITOR'], reason: 'e2e' } },
      admin,
    );
    const exchanged = await gql(`mutation ($token: String!) { exchangeApiToken(token: $token) { accessToken } }`, { token: issued.data.issueApiToken.token });
    const toolToken = exchanged.data.exchangeApiToken.accessToken;
    const read = await gql(`query { identityChanges(first: 1) { nodes { action } } }`, {}, toolToken);
    expect(read.errors).toBeUndefined();
    const write = await gql(SUSPEND, { input: { accountId: created.data.createServiceAccount.id, reason: 'x' } }, toolToken);
    // Tokens from API tokens are read-only: the gateway refuses the mutation before any subgraph sees it.
    expect(write.errors?.[0]?.extensions?.code).toBe('READ_ONLY_TOKEN');
    await gql(`mutation ($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { id } }`, { input: { tokenId: issued.data.issueApiToken.apiToken.id, reason: 'e2e done' } }, admin);
    expect(await msUntilRefused(toolToken)).toBeLessThan(2_500);
  });
});
