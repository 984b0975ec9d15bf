import { createAccessTokenSigner, createDelegationSigner, GATEWAY_ASSERTION_HEADER, createGatewayAssertionSigner, generateSigningKeyPair, graphqlRequestHash, type JWK } from '@custos/auth';
import { describe, expect, it } from 'vitest';
import { gql, login } from '../support/gateway-client';
import { demoUser, ownerQuery, platform, platformSecrets } from '../support/platform';

const ME = `query Me {
  me {
    id username roles status
    person { displayName }
    agency { name }
    city { id name nameEn }
    grants { itemKey }
  }
}`;

describe('the vertical slice through the gateway', () => {
  for (const cityId of ['taipei', 'taoyuan', 'changhua', 'tainan']) {
    it(`a ${cityId} caseworker logs in and "me" joins identity and permissions`, async () => {
      const user = demoUser(cityId, 'CASEWORKER');
      const token = await login(user);
      const result = await gql(ME, {}, token);
      expect(result.errors).toBeUndefined();
      expect(result.data.me).toMatchObject({
        username: user.username,
        roles: ['CASEWORKER'],
        status: 'ACTIVE',
        person: { displayName: user.displayName },
        city: { id: cityId },
      });
      // grants come from the permissions subgraph, resolved on the Account entity identity returned
      expect(result.data.me.grants.length).toBeGreaterThan(0);
      for (const grant of result.data.me.grants) expect(grant.itemKey.startsWith(cityId === 'tainan' ? 'health-insurance:' : 'labor-insurance:')).toBe(true);
    });
  }

  it('logs a Changhua official in by certificate, and refuses their password with the rule cited', async () => {
    const user = demoUser('changhua', 'CASEWORKER');
    expect(user.password).toBeUndefined();
    const refused = await gql(`mutation ($input: PasswordLoginInput!) { loginWithPassword(input: $input) { accessToken } }`, {
      input: { cityId: 'changhua', username: user.username, password: 'Custos-Demo-2026!' },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('PASSWORD_LOGIN_NOT_ALLOWED');
    expect(refused.errors?.[0]?.message).toMatch(/Changhua/);
    await expect(login(user, 'certificate')).resolves.toMatch(/^ey/);
  });
});

describe('errors are clear and write nothing', () => {
  it('a request without a token gets UNAUTHENTICATED for "me"', async () => {
    const result = await gql(ME);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.errors?.[0]?.message).toMatch(/log in/i);
  });

  it('a wrong password gets INVALID_CREDENTIALS and changes no login time', async () => {
    const user = demoUser('taoyuan', 'AUDITOR');
    const [before] = await ownerQuery(`select last_login_at from identity.account where username = $1`, [user.username]);
    const result = await gql(`mutation ($input: PasswordLoginInput!) { loginWithPassword(input: $input) { accessToken } }`, {
      input: { cityId: 'taoyuan', username: user.username, password: 'wrong-password-123' },
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
    expect(result.data).toBeNull();
    const [after] = await ownerQuery(`select last_login_at from identity.account where username = $1`, [user.username]);
    expect(after.last_login_at).toEqual(before.last_login_at);
  });

  it('an expired token gets TOKEN_EXPIRED', async () => {
    const secrets = await platformSecrets();
    const signer = await createAccessTokenSigner(secrets.identitySigningKey.privateJwk as JWK);
    const user = demoUser('taoyuan', 'CASEWORKER');
    const { token } = await signer.sign(
      { kind: 'account', accountId: user.username, personId: 'p', cityId: 'taoyuan', agencyId: 'a', roles: ['CASEWORKER'] },
      -60,
    );
    const result = await gql(ME, {}, token);
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('TOKEN_EXPIRED');
  });

  it('a token signed by anyone but identity is refused', async () => {
    const stranger = await generateSigningKeyPair('identity-1');
    const signer = await createAccessTokenSigner(stranger.privateJwk);
    const { token } = await signer.sign({ kind: 'account', accountId: 'x', personId: 'p', cityId: 'taoyuan', agencyId: 'a', roles: ['TOP_ADMIN'] }, 300);
    const result = await gql(ME, {}, token);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a malformed query gets GRAPHQL_PARSE_FAILED', async () => {
    const result = await gql('query { me { id ');
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(result.errors?.[0]?.message).toMatch(/Syntax Error/);
  });

  it('internal details never leak: an unknown field is refused without suggestions', async () => {
    const result = await gql('query { mee { id } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });
});

describe('subgraphs trust only the gateway', () => {
  it('refuses a direct call without, with a forged, and with a replayed assertion', async () => {
    const secrets = await platformSecrets();
    const identity = platform().subgraphUrls.identity;
    const query = '{ cities { id } }';
    const post = (assertion?: string, payload = { query, variables: {} }) =>
      fetch(identity, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(assertion ? { [GATEWAY_ASSERTION_HEADER]: assertion } : {}) },
        body: JSON.stringify(payload),
      });

    const bare = await post();
    expect(bare.status).toBe(401);
    expect(((await bare.json()) as any).errors[0].extensions.code).toBe('GATEWAY_SIGNATURE_INVALID');

    const forger = await createGatewayAssertionSigner((await generateSigningKeyPair('gateway-forged')).privateJwk);
    const forged = await post(await forger.sign({ principal: { kind: 'anonymous' }, requestHash: graphqlRequestHash(query, {}) }));
    expect(forged.status).toBe(401);

    const gatewaySigner = await createGatewayAssertionSigner(secrets.gatewaySigningKey.privateJwk as JWK);
    const genuine = await gatewaySigner.sign({ principal: { kind: 'anonymous' }, requestHash: graphqlRequestHash(query, {}) });
    expect((await post(genuine)).status).toBe(200);
    const replay = await post(genuine);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as any).errors[0].extensions.code).toBe('GATEWAY_SIGNATURE_REPLAYED');

    // An assertion is bound to its query: attached to another query it is refused.
    const fresh = await gatewaySigner.sign({ principal: { kind: 'anonymous' }, requestHash: graphqlRequestHash(query, {}) });
    const swapped = await post(fresh, { query: '{ me { id } }', variables: {} });
    expect(swapped.status).toBe(401);
  });
});

describe('delegation: a subgraph asking the gateway on a caller\'s behalf', () => {
  const principal = (cityId: string) => {
    const user = demoUser(cityId, 'CASEWORKER');
    return { kind: 'account' as const, accountId: '', personId: '', cityId, agencyId: '', roles: ['CASEWORKER' as const], username: user.username };
  };

  async function meWithDelegation(token: string) {
    const response = await fetch(platform().gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Delegation ${token}` },
      body: JSON.stringify({ query: '{ me { username city { id } } }' }),
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  it('runs the request as the delegated caller, and refuses a delegation the gateway did not sign', async () => {
    const user = demoUser('tainan', 'CASEWORKER');
    const token = await login(user);
    const me = (await gql('{ me { id personId: person { id } agency { id } } }', {}, token)).data.me;
    const secrets = await platformSecrets();
    const genuine = await (await createDelegationSigner(secrets.gatewaySigningKey.privateJwk as JWK)).sign({
      ...principal('tainan'), accountId: me.id, personId: me.personId.id, agencyId: me.agency.id,
    });
    const ok = await meWithDelegation(genuine);
    expect(ok.body.data.me).toEqual({ username: user.username, city: { id: 'tainan' } });
    const forged = await (await createDelegationSigner((await generateSigningKeyPair('gateway-x')).privateJwk)).sign({ ...principal('tainan'), accountId: me.id });
    const refused = await meWithDelegation(forged);
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('under load', () => {
  it('serves many more concurrent requests than a subgraph has pooled connections', async () => {
    const token = await login(demoUser('taoyuan', 'CASEWORKER'));
    // Each subgraph pools 10 connections; 60 at once used to deadlock when a request took a second one.
    const results = await Promise.all(Array.from({ length: 60 }, () => gql(ME, {}, token)));
    for (const result of results) expect(result.errors).toBeUndefined();
  });
});

describe('platform shape', () => {
  it('serves the console at /', async () => {
    const response = await fetch(platform().consoleUrl);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/<div id="root">/);
  });
});
