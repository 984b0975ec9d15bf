import { startScopedSubgraph, type RunningScopedSubgraph } from '@custos/tenancy';
import type { Logger } from 'typeorm';
import { createPermissionsContext } from './context';
import type { PermissionsConfig } from './env';
import { UserGrantEntity } from './grants/user-grant.entity';
import { buildPermissionsSchema } from './schema';

export const permissionsEntities = [UserGrantEntity];

export function startPermissions(config: PermissionsConfig, options: { logger?: Logger } = {}): Promise<RunningScopedSubgraph> {
  return startScopedSubgraph({
    name: 'permissions',
    schemaName: 'permissions',
    config,
    entities: permissionsEntities,
    logger: options.logger,
    buildSchema: buildPermissionsSchema,
    createContext: createPermissionsContext,
  });
}
