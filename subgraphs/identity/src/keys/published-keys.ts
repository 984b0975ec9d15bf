import { publicPart, type JWK } from '@custos/auth';
import { z } from 'zod';

/**
 * The key set identity publishes at /.well-known/jwks.json: the current signing key's public half,
 * then the public halves of retired keys whose tokens may still be in use.
 *
 * Rotating the token-signing key without downtime:
 *  1. Generate a new Ed25519 key with a new `kid`.
 *  2. Restart identity with IDENTITY_SIGNING_KEY = the new private key and
 *     IDENTITY_PREVIOUS_PUBLIC_KEYS = [the old key's public half]. New tokens carry the new kid; the
 *     gateway fetches the key set again when it meets a kid it does not know, and still finds the old
 *     key, so tokens issued before the switch stay valid until they expire. Refresh tokens are not
 *     signed (they are random, stored hashed), so sessions continue and get new-key access tokens.
 *  3. After ACCESS_TOKEN_TTL_SECONDS (and the gateway's 60 s key-set cache) drop the old key.
 */
export const previousPublicKeysFromJson = z.string().transform((text, ctx) => {
  try {
    const parsed = z.array(z.record(z.string(), z.unknown())).safeParse(JSON.parse(text));
    if (parsed.success) {
      if (parsed.data.some((key) => 'd' in key)) {
        ctx.addIssue({ code: 'custom', message: 'must hold public keys only (a key has a private part "d")' });
        return z.NEVER;
      }
      if (parsed.data.some((key) => typeof key.kid !== 'string' || typeof key.kty !== 'string')) {
        ctx.addIssue({ code: 'custom', message: 'every key needs "kty" and "kid"' });
        return z.NEVER;
      }
      return parsed.data;
    }
  } catch {
    // reported below
  }
  ctx.addIssue({ code: 'custom', message: 'must be a JSON array of public JSON Web Keys' });
  return z.NEVER;
});

export function publishedKeySet(current: JWK, previous: readonly Record<string, unknown>[] = []): { keys: JWK[] } {
  const keys = [publicPart(current), ...previous.map((key) => key as JWK)];
  const kids = keys.map((key) => key.kid);
  if (new Set(kids).size !== kids.length) throw new Error(`IDENTITY_PREVIOUS_PUBLIC_KEYS repeats a kid already published (${kids.join(', ')}): a new key needs a new kid.`);
  return { keys };
}
