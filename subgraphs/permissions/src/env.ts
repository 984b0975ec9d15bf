import { loadConfig, subgraphConfigSchema } from '@custos/federation';
import { z } from 'zod';

export const permissionsConfigSchema = subgraphConfigSchema.extend({
  SUBGRAPH_PORT: z.coerce.number().int().min(0).max(65535).default(4102),
});

export type PermissionsConfig = z.infer<typeof permissionsConfigSchema>;

export function loadPermissionsConfig(source: Record<string, string | undefined> = process.env): PermissionsConfig {
  return loadConfig('permissions', permissionsConfigSchema, source);
}
