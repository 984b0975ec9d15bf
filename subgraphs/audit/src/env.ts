import { loadConfig, subgraphConfigSchema } from '@custos/federation';
import { z } from 'zod';

export const auditConfigSchema = subgraphConfigSchema.extend({
  SUBGRAPH_PORT: z.coerce.number().int().min(0).max(65535).default(4104),
});

export type AuditConfig = z.infer<typeof auditConfigSchema>;

export function loadAuditConfig(source: Record<string, string | undefined> = process.env): AuditConfig {
  return loadConfig('audit', auditConfigSchema, source);
}

/** The scheduled jobs (calendar, anomaly scan, destruction) connect as the subgraph's own role, under row-level security. */
export const auditJobConfigSchema = z.object({
  SUBGRAPH_DATABASE_URL: z.string().url(),
});

export type AuditJobConfig = z.infer<typeof auditJobConfigSchema>;

export function loadAuditJobConfig(source: Record<string, string | undefined> = process.env): AuditJobConfig {
  return loadConfig('audit-job', auditJobConfigSchema, source);
}
