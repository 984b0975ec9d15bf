import { importJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import { AuthError } from './errors';
import { SIGNING_ALGORITHM } from './keys';
import type { AccountPrincipal } from './principal';

/**
 * Lets a subgraph ask the gateway a question on behalf of the caller it is serving (the query log
 * asks for the permissions decision of the official recording a query). The gateway hands each
 * subgraph fetch a short-lived token naming the caller, signed with the gateway's own key; a
 * subgraph presents it back as `Authorization: Delegation <token>` and the gateway runs the
 * request as that caller, with no more rights than the caller has.
 */
export const DELEGATION_HEADER = 'x-custos-delegation';
const ISSUER = 'custos-gateway';
const AUDIENCE = 'custos-gateway-delegation';
const LIFETIME_SECONDS = 60;

export interface DelegationSigner {
  sign(principal: AccountPrincipal): Promise<string>;
}

export async function createDelegationSigner(gatewayPrivateJwk: JWK): Promise<DelegationSigner> {
  const key = await importJWK(gatewayPrivateJwk, SIGNING_ALGORITHM);
  return {
    sign: (principal) =>
      new SignJWT({ principal })
        .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: gatewayPrivateJwk.kid })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${LIFETIME_SECONDS}s`)
        .sign(key),
  };
}

export async function createDelegationVerifier(gatewayPublicJwk: JWK) {
  const key = await importJWK(gatewayPublicJwk, SIGNING_ALGORITHM);
  return {
    async verify(token: string): Promise<AccountPrincipal> {
      try {
        const { payload } = await jwtVerify(token, key, { issuer: ISSUER, audience: AUDIENCE, algorithms: [SIGNING_ALGORITHM] });
        const principal = payload.principal as AccountPrincipal | undefined;
        if (!principal || principal.kind !== 'account') throw new Error('no principal');
        return principal;
      } catch {
        throw new AuthError('UNAUTHENTICATED', 'The delegated request is not valid.');
      }
    },
  };
}
