import { createAccessTokenVerifier, signChallenge, type JSONWebKeySet } from '@custos/auth';
import { DEMO_PASSWORD, demoUsers } from '@custos/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentityFixture, type IdentityFixture } from '../testing/identity-fixture';

const LOGIN = `mutation ($input: PasswordLoginInput!) { loginWithPassword(input: $input) { accessToken expiresAt } }`;
const CHALLENGE = `mutation ($cityId: ID!) { requestCertificateChallenge(cityId: $cityId) { id challenge expiresAt } }`;
const CERT_LOGIN = `mutation ($input: CertificateLoginInput!) { loginWithCertificate(input: $input) { accessToken } }`;

const clerk = (cityId: string) => demoUsers.find((u) => u.cityId === cityId && u.username.endsWith('.clerk'))!;

let fixture: IdentityFixture;
beforeAll(async () => {
  fixture = await startIdentityFixture({ certificateUsers: ['changhua.clerk', 'taoyuan.clerk'] });
});
afterAll(() => fixture?.stop());

describe('password login', () => {
  it('issues an access token that verifies against the published key set and names the account and city', async () => {
    const user = clerk('taoyuan');
    const result = await fixture.client.execute(LOGIN, { input: { cityId: 'taoyuan', username: user.username, password: DEMO_PASSWORD } });
    expect(result.errors).toBeUndefined();
    const jwks = await (await fetch(fixture.identity.url.replace('/graphql', '/.well-known/jwks.json'))).json();
    const { principal } = await createAccessTokenVerifier(jwks as JSONWebKeySet).verify(result.data.loginWithPassword.accessToken);
    expect(principal).toMatchObject({ accountId: user.accountId, cityId: 'taoyuan', roles: ['CASEWORKER'] });
  });

  it('gives the same refusal for a wrong password and an unknown user', async () => {
    const wrong = await fixture.client.execute(LOGIN, { input: { cityId: 'taoyuan', username: 'taoyuan.clerk', password: 'nope-nope-nope' } });
    const unknown = await fixture.client.execute(LOGIN, { input: { cityId: 'taoyuan', username: 'taoyuan.nobody', password: 'nope-nope-nope' } });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
    expect(wrong.data).toBeNull();
  });

  it("does not let a user of one city log in under another city's name", async () => {
    const result = await fixture.client.execute(LOGIN, { input: { cityId: 'taipei', username: 'taoyuan.clerk', password: DEMO_PASSWORD } });
    expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
  });

  it('refuses password login where the rules require the citizen certificate, citing the rule', async () => {
    for (const [cityId, citation] of [['changhua', /Changhua 4\(七\)/], ['tainan', /Tainan 6/]] as const) {
      const result = await fixture.client.execute(LOGIN, { input: { cityId, username: `${cityId}.clerk`, password: DEMO_PASSWORD } });
      expect(result.errors?.[0]?.extensions?.code).toBe('PASSWORD_LOGIN_NOT_ALLOWED');
      expect(result.errors?.[0]?.message).toMatch(citation);
    }
  });

  it('rejects an unknown city with a clear input error', async () => {
    const result = await fixture.client.execute(LOGIN, { input: { cityId: 'atlantis', username: 'x', password: 'y' } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_CITY', field: 'cityId' });
  });
});

describe('certificate login', () => {
  async function certificateLogin(username: string, cityId: string) {
    const challenge = (await fixture.client.execute(CHALLENGE, { cityId })).data.requestCertificateChallenge;
    const certificate = fixture.certificates.byUsername[username]!;
    const signature = await signChallenge(certificate.privateKeyPem, challenge.challenge);
    return { challenge, certificate, signature, result: await fixture.client.execute(CERT_LOGIN, { input: { challengeId: challenge.id, certificatePem: certificate.certificatePem, signature } }) };
  }

  it('logs a Changhua official in with their citizen certificate', async () => {
    const { result } = await certificateLogin('changhua.clerk', 'changhua');
    expect(result.errors).toBeUndefined();
    expect(result.data.loginWithCertificate.accessToken).toMatch(/^ey/);
  });

  it('refuses a replayed challenge', async () => {
    const { challenge, certificate, signature } = await certificateLogin('changhua.clerk', 'changhua');
    const replay = await fixture.client.execute(CERT_LOGIN, { input: { challengeId: challenge.id, certificatePem: certificate.certificatePem, signature } });
    expect(replay.errors?.[0]?.extensions?.code).toBe('CHALLENGE_USED');
  });

  it('refuses a signature made with another key', async () => {
    const challenge = (await fixture.client.execute(CHALLENGE, { cityId: 'changhua' })).data.requestCertificateChallenge;
    const forged = await signChallenge(fixture.certificates.byUsername['taoyuan.clerk']!.privateKeyPem, challenge.challenge);
    const result = await fixture.client.execute(CERT_LOGIN, {
      input: { challengeId: challenge.id, certificatePem: fixture.certificates.byUsername['changhua.clerk']!.certificatePem, signature: forged },
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('SIGNATURE_INVALID');
  });

  it("refuses a certificate registered in another city's tenancy", async () => {
    const { result } = await certificateLogin('taoyuan.clerk', 'changhua');
    expect(result.errors?.[0]?.extensions?.code).toBe('CERTIFICATE_NOT_REGISTERED');
  });
});
