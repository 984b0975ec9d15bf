import { loadConfig, subgraphConfigSchema } from '@custos/federation';
import { z } from 'zod';

export const queryLogConfigSchema = subgraphConfigSchema.extend({
  SUBGRAPH_PORT: z.coerce.number().int().min(0).max(65535).default(4103),
});

export type QueryLogConfig = z.infer<typeof queryLogConfigSchema>;

export function loadQueryLogConfig(source: Record<string, string | undefined> = process.env): QueryLogConfig {
  return loadConfig('query-log', queryLogConfigSchema, source);
}
