import { jwkFromJson, loadConfig } from '@custos/federation';
import { z } from 'zod';

const optionalUrl = z.string().url().optional();

export const gatewayConfigSchema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test']).default('production'),
  GATEWAY_HOST: z.string().default('127.0.0.1'),
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Private Ed25519 JWK the gateway signs its per-request assertions to subgraphs with. */
  GATEWAY_SIGNING_KEY: jwkFromJson,
  /** Identity's public key set, to verify access tokens. */
  IDENTITY_JWKS_URL: z.string().url(),
  /** Where each subgraph listens; defaults are the URLs composed into the supergraph. */
  IDENTITY_URL: optionalUrl,
  PERMISSIONS_URL: optionalUrl,
  QUERY_LOG_URL: optionalUrl,
  AUDIT_URL: optionalUrl,
  /** The built console (web/dist) to serve at "/"; none when unset. */
  CONSOLE_DIR: z.string().optional(),
  MAX_BODY_BYTES: z.coerce.number().int().min(1_000).max(10_000_000).default(1_000_000),
  /** Sockets per subgraph kept open for reuse; bounded so a burst cannot exhaust file descriptors. */
  SUBGRAPH_MAX_SOCKETS: z.coerce.number().int().min(1).max(1024).default(128),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(120_000).default(30_000),
  // Issue 4, token revocation (see revocation-list.ts): identity's revocation feed, derived from
  // IDENTITY_URL when unset; how often it is read; how old it may get before authenticated
  // requests are refused.
  IDENTITY_REVOCATIONS_URL: optionalUrl,
  REVOCATION_POLL_MS: z.coerce.number().int().min(100).max(10_000).default(1_000),
  REVOCATION_MAX_STALENESS_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  // Issue 9, trusted documents (see trusted-documents.ts): the manifest of registered reporting
  // queries ("sha256:<hex>" → text), and whether reporting (read-only API) tokens may run only those.
  TRUSTED_DOCUMENTS_FILE: z.string().optional(),
  TRUSTED_DOCUMENTS_ONLY_FOR_REPORTING_TOKENS: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

export function loadGatewayConfig(source: Record<string, string | undefined> = process.env): GatewayConfig {
  const config = loadConfig('gateway', gatewayConfigSchema, source);
  // Nothing phones home: @apollo/gateway reads this switch for its anonymous usage telemetry.
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  return config;
}
