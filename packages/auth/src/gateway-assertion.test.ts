import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createGatewayAssertionSigner, createGatewayAssertionVerifier, type GatewayAssertionSigner, type GatewayAssertionVerifier } from './gateway-assertion';
import { generateSigningKeyPair } from './keys';
import type { Principal } from './principal';

const clerk: Principal = { kind: 'account', accountId: 'a-1', personId: 'p-1', cityId: 'taipei', agencyId: 'g-1', roles: ['CASEWORKER'] };

let signer: GatewayAssertionSigner;
let verifier: GatewayAssertionVerifier;
let forger: GatewayAssertionSigner;

beforeAll(async () => {
  const keys = await generateSigningKeyPair('gateway-test');
  signer = await createGatewayAssertionSigner(keys.privateJwk);
  verifier = await createGatewayAssertionVerifier(keys.publicJwk);
  forger = await createGatewayAssertionSigner((await generateSigningKeyPair('gateway-test')).privateJwk);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('gateway assertions', () => {
  it('carry the principal of the request they were signed for, once', async () => {
    const assertion = await signer.sign({ principal: clerk, requestHash: 'hash-1', clientAddress: '10.0.0.9' });
    await expect(verifier.verify(assertion, 'hash-1')).resolves.toMatchObject({ principal: clerk, clientAddress: '10.0.0.9' });
    await expect(verifier.verify(assertion, 'hash-1')).rejects.toMatchObject({ code: 'GATEWAY_SIGNATURE_REPLAYED' });
  });

  it('refuse another request, another key, and no assertion at all', async () => {
    const assertion = await signer.sign({ principal: clerk, requestHash: 'hash-1' });
    await expect(verifier.verify(assertion, 'hash-2')).rejects.toMatchObject({ code: 'GATEWAY_SIGNATURE_INVALID' });
    const forged = await forger.sign({ principal: clerk, requestHash: 'hash-1' });
    await expect(verifier.verify(forged, 'hash-1')).rejects.toMatchObject({ code: 'GATEWAY_SIGNATURE_INVALID' });
    await expect(verifier.verify(undefined, 'hash-1')).rejects.toMatchObject({ code: 'GATEWAY_SIGNATURE_INVALID' });
  });

  it('still refuse every replay while thousands of ids come and go, and refuse an expired assertion', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.parse('2026-11-25T03:00:00Z');
    vi.setSystemTime(start);
    const early = await signer.sign({ principal: clerk, requestHash: 'early' });
    await verifier.verify(early, 'early');
    for (let second = 1; second <= 40; second += 1) {
      vi.setSystemTime(start + second * 1000);
      const batch = await Promise.all(Array.from({ length: 50 }, (_, index) => signer.sign({ principal: clerk, requestHash: `h-${second}-${index}` })));
      await Promise.all(batch.map((assertion, index) => verifier.verify(assertion, `h-${second}-${index}`)));
      // The newest ids are remembered while the oldest are forgotten.
      await expect(verifier.verify(batch[0]!, `h-${second}-0`)).rejects.toMatchObject({ code: 'GATEWAY_SIGNATURE_REPLAYED' });
    }
    // Forgotten by the replay cache, the first assertion is refused by its expiry.
    await expect(verifier.verify(early, 'early')).rejects.toMatchObject({ code: 'GATEWAY_SIGNATURE_INVALID' });
  });
});
