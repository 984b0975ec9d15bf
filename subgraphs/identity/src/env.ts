import { jwkFromJson, loadConfig, subgraphConfigSchema } from '@custos/federation';
import { z } from 'zod';
import { previousPublicKeysFromJson } from './keys/published-keys';

/** Per-city keys for the keyed hash of officials' national IDs, as JSON: {"taoyuan": "<at least 32 characters>", ...}. */
const cityKeysFromJson = z.string().transform((text, ctx) => {
  try {
    const value = JSON.parse(text) as unknown;
    const parsed = z.record(z.string(), z.string().min(32)).safeParse(value);
    if (parsed.success) return parsed.data;
  } catch {
    // reported below
  }
  ctx.addIssue({ code: 'custom', message: 'must be JSON mapping each city id to a key of at least 32 characters' });
  return z.NEVER;
});

export const identityConfigSchema = subgraphConfigSchema.extend({
  SUBGRAPH_PORT: z.coerce.number().int().min(0).max(65535).default(4101),
  /** Private Ed25519 JWK that signs access tokens; its public half is served at /.well-known/jwks.json. */
  IDENTITY_SIGNING_KEY: jwkFromJson,
  /** Public halves of retired signing keys, still published until the tokens they signed expire (key rotation; see keys/published-keys.ts). */
  IDENTITY_PREVIOUS_PUBLIC_KEYS: previousPublicKeysFromJson.optional(),
  /** PEM bundle of the certificate authorities whose citizen certificates are accepted. */
  TRUSTED_CA_CERTIFICATES: z.string().includes('BEGIN CERTIFICATE', { message: 'must hold at least one PEM certificate' }),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  CERTIFICATE_CHALLENGE_TTL_SECONDS: z.coerce.number().int().min(30).max(600).default(120),
  /** A session's absolute length (its refresh tokens rotate within it): a working day by default. */
  SESSION_TTL_SECONDS: z.coerce.number().int().min(600).max(7 * 86_400).default(8 * 3600),
  /**
   * Keys of the national-ID hashes, per city. A city without one gets a key derived from
   * IDENTITY_SIGNING_KEY (stable while that key is): the platform should pass its own keys.
   */
  NATIONAL_ID_HASH_KEYS: cityKeysFromJson.optional(),
  /** Failed logins allowed per client address in LOGIN_ADDRESS_WINDOW_SECONDS before that address is refused for the rest of the window. */
  LOGIN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(20),
  LOGIN_ADDRESS_WINDOW_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),
  /** Certificate login challenges allowed per client address in LOGIN_CHALLENGE_WINDOW_SECONDS. */
  LOGIN_CHALLENGES_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(60),
  LOGIN_CHALLENGE_WINDOW_SECONDS: z.coerce.number().int().min(10).max(3600).default(60),
  /** How often the leaver job runs inside the subgraph (0: never; run `pnpm job:revoke-leavers` instead). */
  LEAVER_JOB_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(3600),
});

export type IdentityConfig = z.infer<typeof identityConfigSchema>;

export function loadIdentityConfig(source: Record<string, string | undefined> = process.env): IdentityConfig {
  return loadConfig('identity', identityConfigSchema, source);
}
