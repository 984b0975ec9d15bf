import { importJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import { z } from 'zod';
import { AuthError } from './errors';
import { SIGNING_ALGORITHM } from './keys';
import { CROSS_CITY_SERVICES, ROLES, type Principal } from './principal';

/**
 * The gateway tells a subgraph who the caller is by signing a short assertion bound to the exact
 * GraphQL request (query + variables hash). Subgraphs trust nothing else: a direct caller without a
 * valid assertion is refused, a forged one fails the signature, and a replayed one is refused by id.
 */
export const GATEWAY_ASSERTION_HEADER = 'x-custos-gateway-assertion';
const ISSUER = 'custos-gateway';
const AUDIENCE = 'custos-subgraph';
const LIFETIME_SECONDS = 30;

const principalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('anonymous') }),
  z.object({
    kind: z.literal('account'),
    accountId: z.string(),
    personId: z.string(),
    cityId: z.string(),
    agencyId: z.string(),
    roles: z.array(z.enum(ROLES)),
    crossCity: z.object({ cityIds: z.array(z.string()), service: z.enum(CROSS_CITY_SERVICES) }).optional(),
    readOnly: z.boolean().optional(),
  }),
]);

export interface GatewayAssertionSigner {
  sign(input: { principal: Principal; requestHash: string; clientAddress?: string }): Promise<string>;
}

export async function createGatewayAssertionSigner(privateJwk: JWK): Promise<GatewayAssertionSigner> {
  const key = await importJWK(privateJwk, SIGNING_ALGORITHM);
  return {
    sign: ({ principal, requestHash, clientAddress }) =>
      new SignJWT({ principal, rh: requestHash, ip: clientAddress })
        .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: privateJwk.kid })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setJti(crypto.randomUUID())
        .setExpirationTime(`${LIFETIME_SECONDS}s`)
        .sign(key),
  };
}

export interface VerifiedAssertion {
  principal: Principal;
  clientAddress?: string;
  /** Present for account callers: lets the subgraph call the gateway on the caller's behalf. */
  delegationToken?: string;
}

export interface GatewayAssertionVerifier {
  verify(assertion: string | undefined, requestHash: string): Promise<VerifiedAssertion>;
}

export async function createGatewayAssertionVerifier(publicJwk: JWK): Promise<GatewayAssertionVerifier> {
  const key = await importJWK(publicJwk, SIGNING_ALGORITHM);
  // Assertion ids seen within their lifetime; older ones are rejected by expiry anyway.
  const seen = new Map<string, number>();
  // Every assertion lives LIFETIME_SECONDS, so ids arrive in (nearly) the order they expire: stop at the first one
  // still alive. Each request costs O(1) amortised instead of a scan of every id of the last 30 s; an id that arrived
  // out of order is dropped a little later, which only keeps refusing a replay that expiry refuses anyway.
  const forgetExpired = (now: number) => {
    for (const [id, expiry] of seen) {
      if (expiry >= now) break;
      seen.delete(id);
    }
  };
  return {
    async verify(assertion, requestHash) {
      if (!assertion) throw new AuthError('GATEWAY_SIGNATURE_INVALID', 'Requests must come through the Custos gateway.');
      let payload;
      try {
        ({ payload } = await jwtVerify(assertion, key, { issuer: ISSUER, audience: AUDIENCE, algorithms: [SIGNING_ALGORITHM] }));
      } catch {
        throw new AuthError('GATEWAY_SIGNATURE_INVALID', 'The gateway signature on this request is not valid.');
      }
      if (payload.rh !== requestHash) throw new AuthError('GATEWAY_SIGNATURE_INVALID', 'The gateway signature does not match this request.');
      const id = String(payload.jti ?? '');
      const now = Date.now();
      forgetExpired(now);
      if (!id || seen.has(id)) throw new AuthError('GATEWAY_SIGNATURE_REPLAYED', 'This request was already processed.');
      seen.set(id, Number(payload.exp) * 1000);
      const principal = principalSchema.parse(payload.principal) as Principal;
      return { principal, clientAddress: typeof payload.ip === 'string' ? payload.ip : undefined };
    },
  };
}
