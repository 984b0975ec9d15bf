import { jwkFromJson, loadConfig, subgraphConfigSchema } from '@custos/federation';
import { listCities } from '@custos/rules';
import { z } from 'zod';

/** A base64url secret of at least 32 bytes (what the platform generates per city). */
const base64urlSecret = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url')
  .refine((text) => Buffer.from(text, 'base64url').length >= 32, 'must decode to at least 32 bytes');

/**
 * SUBJECT_HASH_KEYS: JSON object cityId → base64url secret, one per city of the rule profiles. The
 * subjects' national IDs and business numbers are stored only as HMAC-SHA256 under their city's key.
 */
export const subjectHashKeysFromJson = z.string().transform((text, ctx) => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON object of cityId → base64url secret' });
    return z.NEVER;
  }
  const parsed = z.record(z.string(), base64urlSecret).safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: `${issue.path.join('.') || '(root)'}: ${issue.message}` });
    return z.NEVER;
  }
  const missing = listCities().map((city) => city.id).filter((id) => !(id in parsed.data));
  if (missing.length) {
    ctx.addIssue({ code: 'custom', message: `needs a key for every city; missing: ${missing.join(', ')}` });
    return z.NEVER;
  }
  return parsed.data;
});

export const queryLogConfigSchema = subgraphConfigSchema.extend({
  SUBGRAPH_PORT: z.coerce.number().int().min(0).max(65535).default(4103),
  SUBJECT_HASH_KEYS: subjectHashKeysFromJson,
  /** The gateway's endpoint: the permissions decision and the caller's unit are asked there on the caller's behalf. */
  GATEWAY_URL: z.string().url().optional(),
  /**
   * Private Ed25519 JWK that signs the hash chain's checkpoints. The database never holds it. When
   * absent, each city's checkpoint key is derived (HKDF-SHA256) from that city's SUBJECT_HASH_KEYS
   * secret, which the database does not hold either; a dedicated key is preferred.
   */
  CHECKPOINT_SIGNING_KEY: jwkFromJson.optional(),
  /** A signed checkpoint after every this many records of a city (in the appending transaction). */
  CHECKPOINT_EVERY_RECORDS: z.coerce.number().int().min(1).max(1_000_000).default(100),
  /** And every this many seconds for each city with new records; 0 turns the timer off (tests). */
  CHECKPOINT_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
});

export type QueryLogConfig = z.infer<typeof queryLogConfigSchema>;

export function loadQueryLogConfig(source: Record<string, string | undefined> = process.env): QueryLogConfig {
  return loadConfig('query-log', queryLogConfigSchema, source);
}
