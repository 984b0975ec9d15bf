import { jwkFromJson, loadConfig, subgraphConfigSchema } from '@custos/federation';
import { z } from 'zod';

export const identityConfigSchema = subgraphConfigSchema.extend({
  SUBGRAPH_PORT: z.coerce.number().int().min(0).max(65535).default(4101),
  /** Private Ed25519 JWK that signs access tokens; its public half is served at /.well-known/jwks.json. */
  IDENTITY_SIGNING_KEY: jwkFromJson,
  /** PEM bundle of the certificate authorities whose citizen certificates are accepted. */
  TRUSTED_CA_CERTIFICATES: z.string().includes('BEGIN CERTIFICATE', { message: 'must hold at least one PEM certificate' }),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  CERTIFICATE_CHALLENGE_TTL_SECONDS: z.coerce.number().int().min(30).max(600).default(120),
});

export type IdentityConfig = z.infer<typeof identityConfigSchema>;

export function loadIdentityConfig(source: Record<string, string | undefined> = process.env): IdentityConfig {
  return loadConfig('identity', identityConfigSchema, source);
}
