import { startScopedSubgraph, type RunningScopedSubgraph } from '@custos/tenancy';
import type { Logger } from 'typeorm';
import { createAuditContext } from './context';
import { auditEntities } from './entities';
import type { AuditConfig } from './env';
import { buildAuditSchema } from './schema';

export { auditEntities };

export function startAudit(config: AuditConfig, options: { logger?: Logger } = {}): Promise<RunningScopedSubgraph> {
  return startScopedSubgraph({
    name: 'audit',
    schemaName: 'audit',
    config,
    entities: auditEntities,
    logger: options.logger,
    buildSchema: buildAuditSchema,
    createContext: createAuditContext,
  });
}
