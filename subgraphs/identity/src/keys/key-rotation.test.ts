import { createAccessTokenSigner, createAccessTokenVerifier, generateSigningKeyPair, type AccountPrincipal, type SigningKeyPair } from '@custos/auth';
import { DEMO_PASSWORD, demoUsers } from '@custos/demo';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentityFixture, type IdentityFixture } from '../testing/identity-fixture';
import { previousPublicKeysFromJson } from './published-keys';

const LOGIN = `mutation ($input: PasswordLoginInput!) { loginWithPassword(input: $input) { accessToken } }`;
const clerk = demoUsers.find((u) => u.cityId === 'taoyuan' && u.username.endsWith('.clerk'))!;

let retired: SigningKeyPair;
let current: SigningKeyPair;
let fixture: IdentityFixture;

beforeAll(async () => {
  retired = await generateSigningKeyPair('identity-2026-05');
  current = await generateSigningKeyPair('identity-2026-11');
  // Identity restarted after a rotation: signing with the new key, still publishing the old one.
  fixture = await startIdentityFixture({
    config: { IDENTITY_SIGNING_KEY: current.privateJwk as Record<string, unknown>, IDENTITY_PREVIOUS_PUBLIC_KEYS: [retired.publicJwk as Record<string, unknown>] },
  });
});
afterAll(() => fixture?.stop());

describe('rotating the token-signing key', () => {
  it('signs new tokens with the new key and keeps tokens of the old key valid until they expire', async () => {
    const jwksUrl = new URL(fixture.identity.url.replace('/graphql', '/.well-known/jwks.json'));
    const published = (await (await fetch(jwksUrl)).json()) as { keys: Array<Record<string, unknown>> };
    expect(published.keys.map((key) => key.kid)).toEqual(['identity-2026-11', 'identity-2026-05']);
    expect(published.keys.every((key) => !('d' in key))).toBe(true);

    const verifier = createAccessTokenVerifier(jwksUrl);
    const login = await fixture.client.execute(LOGIN, { input: { cityId: 'taoyuan', username: clerk.username, password: DEMO_PASSWORD } });
    const fresh: string = login.data.loginWithPassword.accessToken;
    expect(decodeProtectedHeader(fresh).kid).toBe('identity-2026-11');
    const { principal } = await verifier.verify(fresh);

    // A token the old key signed before the switch, still within its lifetime.
    const before = await (await createAccessTokenSigner(retired.privateJwk)).sign(principal as AccountPrincipal, 600);
    await expect(verifier.verify(before.token)).resolves.toMatchObject({ principal: { accountId: clerk.accountId } });
    // Once expired it is refused like any other expired token.
    const expired = await (await createAccessTokenSigner(retired.privateJwk)).sign(principal as AccountPrincipal, -10);
    await expect(verifier.verify(expired.token)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    // A key identity never published signs nothing that verifies, even under a published kid.
    const stranger = await generateSigningKeyPair('identity-2026-05');
    const forged = await (await createAccessTokenSigner(stranger.privateJwk)).sign(principal as AccountPrincipal, 600);
    await expect(verifier.verify(forged.token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a retired key given with its private part, or without a kid', () => {
    const parse = (keys: unknown) => previousPublicKeysFromJson.safeParse(JSON.stringify(keys));
    expect(parse([retired.privateJwk]).error?.issues[0]?.message).toMatch(/public keys only/);
    const { kid: _kid, ...withoutKid } = retired.publicJwk as Record<string, unknown>;
    expect(parse([withoutKid]).error?.issues[0]?.message).toMatch(/kid/);
    expect(parse([retired.publicJwk]).success).toBe(true);
  });
});
