import { createLocalJWKSet, createRemoteJWKSet, errors, importJWK, jwtVerify, SignJWT, type JWK, type JSONWebKeySet } from 'jose';
import { z } from 'zod';
import { AuthError } from './errors';
import { SIGNING_ALGORITHM } from './keys';
import { CROSS_CITY_SERVICES, ROLES, type AccountPrincipal } from './principal';

export const ACCESS_TOKEN_ISSUER = 'custos-identity';
export const ACCESS_TOKEN_AUDIENCE = 'custos-gateway';

const accessTokenClaims = z.object({
  sub: z.string().min(1),
  city: z.string().min(1),
  agency: z.string().min(1),
  person: z.string().min(1),
  roles: z.array(z.enum(ROLES)),
  reach: z.object({ cityIds: z.array(z.string().min(1)).max(50), service: z.enum(CROSS_CITY_SERVICES) }).optional(),
  ro: z.boolean().optional(),
});

export interface AccessTokenSigner {
  sign(principal: AccountPrincipal, ttlSeconds: number): Promise<{ token: string; expiresAt: Date }>;
}

/** Identity signs access tokens with its private key; anyone holding the public key set can verify them. */
export async function createAccessTokenSigner(privateJwk: JWK): Promise<AccessTokenSigner> {
  if (!privateJwk.kid) throw new Error('The access-token signing key needs a kid');
  const key = await importJWK(privateJwk, SIGNING_ALGORITHM);
  return {
    async sign(principal, ttlSeconds) {
      const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
      const token = await new SignJWT({
        city: principal.cityId,
        agency: principal.agencyId,
        person: principal.personId,
        roles: principal.roles,
        ...(principal.crossCity ? { reach: principal.crossCity } : {}),
        ...(principal.readOnly ? { ro: true } : {}),
      })
        .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: privateJwk.kid })
        .setSubject(principal.accountId)
        .setIssuer(ACCESS_TOKEN_ISSUER)
        .setAudience(ACCESS_TOKEN_AUDIENCE)
        .setIssuedAt()
        .setJti(crypto.randomUUID())
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(key);
      return { token, expiresAt };
    },
  };
}

export interface AccessTokenVerifier {
  /** Returns the principal and the token's id (for revocation checks) or throws AuthError. */
  verify(token: string): Promise<{ principal: AccountPrincipal; tokenId: string; expiresAt: Date }>;
}

/** Verifies against a key set: a URL (identity's /.well-known/jwks.json, cached and refreshed) or a static set. */
export function createAccessTokenVerifier(keys: URL | JSONWebKeySet): AccessTokenVerifier {
  const keySet = keys instanceof URL ? createRemoteJWKSet(keys, { cooldownDuration: 5_000, cacheMaxAge: 60_000 }) : createLocalJWKSet(keys);
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, keySet, {
          issuer: ACCESS_TOKEN_ISSUER,
          audience: ACCESS_TOKEN_AUDIENCE,
          algorithms: [SIGNING_ALGORITHM],
        });
        const claims = accessTokenClaims.parse(payload);
        return {
          principal: {
            kind: 'account',
            accountId: claims.sub,
            cityId: claims.city,
            agencyId: claims.agency,
            personId: claims.person,
            roles: claims.roles,
            ...(claims.reach ? { crossCity: claims.reach } : {}),
            ...(claims.ro ? { readOnly: true } : {}),
          },
          tokenId: String(payload.jti ?? ''),
          expiresAt: new Date(Number(payload.exp) * 1000),
        };
      } catch (error) {
        if (error instanceof errors.JWTExpired) throw new AuthError('TOKEN_EXPIRED', 'Your session has expired. Please log in again.');
        throw new AuthError('UNAUTHENTICATED', 'The access token is not valid. Please log in again.');
      }
    },
  };
}
