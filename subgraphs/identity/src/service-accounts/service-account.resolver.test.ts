import { randomBytes } from 'node:crypto';
import { createAccessTokenVerifier, type JSONWebKeySet } from '@custos/auth';
import { demoAgencyId, demoUsers } from '@custos/demo';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPrincipal, startIdentityFixture, testNationalId, type IdentityFixture } from '../testing/identity-fixture';

const CREATE_SERVICE = `mutation ($input: CreateServiceAccountInput!) { createServiceAccount(input: $input) { id username kind roles status person { displayName } } }`;
const ISSUE = `mutation ($input: IssueApiTokenInput!) { issueApiToken(input: $input) { token apiToken { id prefix scopes lastUsedAt } } }`;
const REVOKE_TOKEN = `mutation ($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { id revokedAt revokeReason } }`;
const EXCHANGE = `mutation ($token: String!) { exchangeApiToken(token: $token) { accessToken expiresAt } }`;
const LIST = `query { serviceAccounts { username apiTokens { name prefix lastUsedAt revokedAt } } }`;
const REVOKE_ACCOUNT = `mutation ($input: AccountStatusInput!) { revokeAccount(input: $input) { status } }`;
const CREATE = `mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id person { id } } }`;

const demo = (username: string) => demoUsers.find((user) => user.username === username)!;
const serviceInput = (overrides: Record<string, unknown> = {}) => ({
  name: `report-${randomBytes(3).toString('hex')}`,
  responsiblePersonId: demo('taoyuan.auditor').personId,
  agencyId: demoAgencyId('taoyuan', 'social'),
  roles: ['AUDITOR'],
  reason: 'monthly reporting tool, approved by the agency head',
  ...overrides,
});

let fixture: IdentityFixture;
let serviceAccountId: string;
let token: string;
let tokenId: string;

beforeAll(async () => {
  fixture = await startIdentityFixture({ certificateUsers: [] });
  const created = await fixture.client.execute(CREATE_SERVICE, { input: serviceInput({ name: 'monthly-report' }) }, demoPrincipal('taoyuan.admin'));
  expect(created.errors).toBeUndefined();
  serviceAccountId = created.data.createServiceAccount.id;
});
afterAll(() => fixture?.stop());

describe('service accounts for reporting tools', () => {
  it('a top admin creates one under a named official’s responsibility, with reading roles only', async () => {
    const list = await fixture.client.execute(LIST, {}, demoPrincipal('taoyuan.admin'));
    expect(list.data.serviceAccounts).toEqual([{ username: 'svc.monthly-report', apiTokens: [] }]);
    const caseworker = await fixture.client.execute(CREATE_SERVICE, { input: serviceInput({ roles: ['CASEWORKER'] }) }, demoPrincipal('taoyuan.admin'));
    expect(caseworker.errors?.[0]?.extensions).toMatchObject({ code: 'ROLE_NOT_FOR_SERVICE_ACCOUNTS', field: 'roles' });
    const agencyAdmin = await fixture.client.execute(CREATE_SERVICE, { input: serviceInput() }, demoPrincipal('taoyuan.agencyadmin'));
    expect(agencyAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const vendor = await fixture.client.execute(
      CREATE,
      { input: { person: { displayName: 'Vendor', nationalId: testNationalId(7001), myEGovAccountId: 'v', certificateFingerprint: randomBytes(32).toString('hex'), isVendorStaff: true }, agencyId: demoAgencyId('taoyuan', 'social'), username: 'taoyuan.vendor1', roles: ['IT_OFFICER'], reason: 'x' } },
      demoPrincipal('taoyuan.admin'),
    );
    const vendorResponsible = await fixture.client.execute(CREATE_SERVICE, { input: serviceInput({ responsiblePersonId: vendor.data.createAccount.person.id }) }, demoPrincipal('taoyuan.admin'));
    expect(vendorResponsible.errors?.[0]?.extensions).toMatchObject({ code: 'RESPONSIBLE_PERSON_NOT_ELIGIBLE' });
    const otherCity = await fixture.client.execute(CREATE_SERVICE, { input: serviceInput() }, demoPrincipal('tainan.admin'));
    expect(otherCity.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_PERSON' });
  });

  it('issues an API token shown once and stored only as a hash, scoped to the account’s roles', async () => {
    const beyond = await fixture.client.execute(ISSUE, { input: { serviceAccountId, name: 'x', scopes: ['ETHICS_OFFICER'], reason: 'x' } }, demoPrincipal('taoyuan.admin'));
    expect(beyond.errors?.[0]?.extensions).toMatchObject({ code: 'SCOPE_BEYOND_ACCOUNT', field: 'scopes' });
    const issued = await fixture.client.execute(ISSUE, { input: { serviceAccountId, name: 'monthly report', scopes: ['AUDITOR'], reason: 'tool set-up' } }, demoPrincipal('taoyuan.admin'));
    expect(issued.errors).toBeUndefined();
    token = issued.data.issueApiToken.token;
    tokenId = issued.data.issueApiToken.apiToken.id;
    expect(token).toMatch(/^cst_taoyuan_/);
    expect(token.slice('cst_taoyuan_'.length)).toMatch(new RegExp(`^${issued.data.issueApiToken.apiToken.prefix}`));
    const stored = JSON.stringify((await fixture.db.query(`select * from identity.api_token`)).rows);
    expect(stored).not.toContain(token.slice('cst_taoyuan_'.length));
  });

  it('the tool exchanges it for a short-lived access token with the token’s scopes; the last use is kept', async () => {
    const result = await fixture.client.execute(EXCHANGE, { token });
    expect(result.errors).toBeUndefined();
    const jwks = await (await fetch(fixture.identity.url.replace('/graphql', '/.well-known/jwks.json'))).json();
    const { principal } = await createAccessTokenVerifier(jwks as JSONWebKeySet).verify(result.data.exchangeApiToken.accessToken);
    expect(principal).toMatchObject({ accountId: serviceAccountId, cityId: 'taoyuan', roles: ['AUDITOR'] });
    // As the gateway would pass it on: the tool reads what an auditor reads.
    const changes = await fixture.client.execute(`query { identityChanges(first: 5) { nodes { action } } }`, {}, principal);
    expect(changes.errors).toBeUndefined();
    const list = await fixture.client.execute(LIST, {}, demoPrincipal('taoyuan.admin'));
    expect(list.data.serviceAccounts[0].apiTokens[0].lastUsedAt).not.toBeNull();
    // Not a password account: nothing to sign in with.
    const password = await fixture.client.execute(`mutation ($input: PasswordLoginInput!) { loginWithPassword(input: $input) { accessToken } }`, { input: { cityId: 'taoyuan', username: 'svc.monthly-report', password: 'anything-at-all' } });
    expect(password.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
  });

  it('refuses made-up tokens and tokens presented under another city', async () => {
    for (const candidate of ['nonsense', `cst_taoyuan_${'A'.repeat(43)}`, token.replace('cst_taoyuan_', 'cst_tainan_')]) {
      expect((await fixture.client.execute(EXCHANGE, { token: candidate })).errors?.[0]?.extensions?.code, candidate).toBe('API_TOKEN_INVALID');
    }
  });

  it('revoking the token stops its access tokens at once, and it cannot be exchanged again', async () => {
    const session = (await fixture.client.execute(EXCHANGE, { token })).data.exchangeApiToken;
    const revoked = await fixture.client.execute(REVOKE_TOKEN, { input: { tokenId, reason: 'tool retired' } }, demoPrincipal('taoyuan.admin'));
    expect(revoked.data.revokeApiToken).toMatchObject({ revokeReason: 'tool retired' });
    const [feed] = (await fixture.db.query(`select count(*)::int as n from identity.token_revocation where kind = 'TOKEN' and subject = $1`, [String(decodeJwt(session.accessToken).jti)])).rows;
    expect(feed.n).toBe(1);
    expect((await fixture.client.execute(EXCHANGE, { token })).errors?.[0]?.extensions?.code).toBe('API_TOKEN_INVALID');
    expect((await fixture.client.execute(REVOKE_TOKEN, { input: { tokenId, reason: 'again' } }, demoPrincipal('taoyuan.admin'))).errors?.[0]?.extensions?.code).toBe('API_TOKEN_REVOKED');
  });

  it('revoking the service account stops all its tokens', async () => {
    const second = (await fixture.client.execute(ISSUE, { input: { serviceAccountId, name: 'second', scopes: ['AUDITOR'], reason: 'x' } }, demoPrincipal('taoyuan.admin'))).data.issueApiToken.token;
    expect((await fixture.client.execute(EXCHANGE, { token: second })).errors).toBeUndefined();
    const revoked = await fixture.client.execute(REVOKE_ACCOUNT, { input: { accountId: serviceAccountId, reason: 'tool retired' } }, demoPrincipal('taoyuan.admin'));
    expect(revoked.data.revokeAccount.status).toBe('REVOKED');
    expect((await fixture.client.execute(EXCHANGE, { token: second })).errors?.[0]?.extensions?.code).toBe('API_TOKEN_INVALID');
  });
});
