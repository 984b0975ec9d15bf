import { z } from 'zod';

/** A JWK passed as JSON in an environment variable. */
export const jwkFromJson = z.string().transform((text, ctx) => {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && 'kty' in value) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  ctx.addIssue({ code: 'custom', message: 'must be a JSON Web Key (JSON with "kty")' });
  return z.NEVER;
});

/** Settings every subgraph process has; each subgraph's env.ts extends this with its own. */
export const subgraphConfigSchema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test']).default('production'),
  /** Loopback by default: only the gateway may reach a subgraph. */
  SUBGRAPH_HOST: z.string().default('127.0.0.1'),
  SUBGRAPH_PORT: z.coerce.number().int().min(0).max(65535),
  /** Connection as this subgraph's own non-owner role (custos_<schema>), never the owner. */
  SUBGRAPH_DATABASE_URL: z.string().url(),
  SUBGRAPH_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Public JWK of the gateway: only requests it signed are served. */
  GATEWAY_PUBLIC_KEY: jwkFromJson,
  /** The gateway's GraphQL endpoint, for questions asked on a caller's behalf (createGatewayClient). */
  GATEWAY_URL: z.string().url().optional(),
});

export type SubgraphConfig = z.infer<typeof subgraphConfigSchema>;
