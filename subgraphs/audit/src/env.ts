import { loadConfig, subgraphConfigSchema } from '@custos/federation';
import { z } from 'zod';

export const auditConfigSchema = subgraphConfigSchema.extend({
  SUBGRAPH_PORT: z.coerce.number().int().min(0).max(65535).default(4104),
});

export type AuditConfig = z.infer<typeof auditConfigSchema>;

export function loadAuditConfig(source: Record<string, string | undefined> = process.env): AuditConfig {
  return loadConfig('audit', auditConfigSchema, source);
}
