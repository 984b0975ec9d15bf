import { createAccessTokenSigner, createGatewayAssertionSigner, createGatewayAssertionVerifier, generateSigningKeyPair, GATEWAY_ASSERTION_HEADER, graphqlRequestHash, type AccountPrincipal } from '@custos/auth';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RevocationCheckUnavailableError, RevocationList, REVOCATION_FEED_PATH } from './revocation-list';

/** A stand-in for identity's feed that checks the gateway's signature exactly as identity does. */
let server: Server;
let url: string;
let entries: Array<{ kind: 'ACCOUNT' | 'TOKEN'; subject: string; notBefore: string | null; expiresAt: string }> = [];
let available = true;
const sinceSeen: string[] = [];
let gatewayKeys: Awaited<ReturnType<typeof generateSigningKeyPair>>;
let signAccess: Awaited<ReturnType<typeof createAccessTokenSigner>>;

const alice: AccountPrincipal = { kind: 'account', accountId: '7c1d0c1e-0000-4000-8000-000000000001', personId: 'p', cityId: 'taoyuan', agencyId: 'a', roles: ['CASEWORKER'] };
const bob: AccountPrincipal = { ...alice, accountId: '7c1d0c1e-0000-4000-8000-000000000002' };

beforeAll(async () => {
  gatewayKeys = await generateSigningKeyPair('gateway-test');
  signAccess = await createAccessTokenSigner((await generateSigningKeyPair('identity-test')).privateJwk);
  const verifier = await createGatewayAssertionVerifier(gatewayKeys.publicJwk);
  server = createServer(async (request, response) => {
    const since = new URL(request.url!, 'http://x').searchParams.get('since') ?? '';
    try {
      await verifier.verify(String(request.headers[GATEWAY_ASSERTION_HEADER] ?? ''), graphqlRequestHash(`GET ${REVOCATION_FEED_PATH}`, { since }));
    } catch {
      response.writeHead(401).end('{}');
      return;
    }
    if (!available) return void response.writeHead(500).end('{}');
    sinceSeen.push(since);
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ cursor: String(sinceSeen.length), entries }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${REVOCATION_FEED_PATH}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function newList(options: { maxStalenessMs?: number; now?: () => number } = {}) {
  const list = new RevocationList({ url, signer: await createGatewayAssertionSigner(gatewayKeys.privateJwk), pollIntervalMs: 60_000, maxStalenessMs: options.maxStalenessMs ?? 30_000, now: options.now });
  await list.poll();
  return list;
}

describe('the gateway revocation list', () => {
  it('refuses a revoked account’s tokens issued up to the revocation, and accepts later ones', async () => {
    const before = (await signAccess.sign(alice, 900)).token;
    entries = [{ kind: 'ACCOUNT', subject: alice.accountId, notBefore: new Date(Date.now() + 500).toISOString(), expiresAt: new Date(Date.now() + 3_600_000).toISOString() }];
    const list = await newList();
    expect(() => list.check(alice, before)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    expect(list.check(bob, (await signAccess.sign(bob, 900)).token)).toEqual(bob);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const after = (await signAccess.sign(alice, 900)).token;
    expect(list.check(alice, after)).toEqual(alice);
  });

  it('refuses a logged-out session’s access token by its id, and forgets it once it has expired', async () => {
    const { token } = await signAccess.sign(alice, 900);
    const jti = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).jti;
    entries = [{ kind: 'TOKEN', subject: jti, notBefore: null, expiresAt: new Date(Date.now() + 900_000).toISOString() }];
    let now = Date.now();
    const list = await newList({ now: () => now, maxStalenessMs: 10_000_000 });
    expect(() => list.check(alice, token)).toThrow(/session has ended/);
    now += 901_000;
    expect(list.check(alice, token)).toEqual(alice);
  });

  it('passes the cursor back, signed for that exact request', async () => {
    entries = [];
    const list = await newList();
    const count = sinceSeen.length;
    await list.poll();
    expect(sinceSeen[sinceSeen.length - 1]).toBe(String(count));
  });

  it('fails closed when the feed has not been read for too long, but lets anonymous callers through', async () => {
    entries = [];
    let now = Date.now();
    const list = await newList({ now: () => now, maxStalenessMs: 5_000 });
    const { token } = await signAccess.sign(alice, 900);
    available = false;
    await expect(list.poll()).rejects.toThrow(/500/);
    now += 6_000;
    expect(() => list.check(alice, token)).toThrow(RevocationCheckUnavailableError);
    expect(list.check({ kind: 'anonymous' }, '')).toEqual({ kind: 'anonymous' });
    available = true;
    await list.poll();
    expect(list.check(alice, token)).toEqual(alice);
  });

  it('a feed that does not trust the caller yields nothing (a wrong key is refused)', async () => {
    const stranger = new RevocationList({ url, signer: await createGatewayAssertionSigner((await generateSigningKeyPair('other')).privateJwk), pollIntervalMs: 60_000, maxStalenessMs: 30_000 });
    await expect(stranger.poll()).rejects.toThrow(/401/);
  });
});
