import { startScopedSubgraph, type RunningScopedSubgraph } from '@custos/tenancy';
import type { Logger } from 'typeorm';
import { ApplicationEventEntity } from './applications/application-event.entity';
import { ApplicationEntity } from './applications/application.entity';
import { createPermissionsContext, createServices, type PermissionsDependencies } from './context';
import { DecisionInputsCache } from './decision/decision-inputs.cache';
import { startInvalidationListener } from './decision/invalidation-listener';
import { createGatewayDirectory, type Directory } from './directory/directory';
import type { PermissionsConfig } from './env';
import { AgencyGrantEntity } from './grants/agency-grant.entity';
import { UserGrantEntity } from './grants/user-grant.entity';
import { AgencyNetworkEntity } from './networks/agency-network.entity';
import { OutboxEventEntity } from './outbox/outbox-event.entity';
import { BusinessItemEntity } from './register/business-item.entity';
import { LegalBasisEntity } from './register/legal-basis.entity';
import { buildPermissionsSchema } from './schema';

export const permissionsEntities = [
  UserGrantEntity,
  AgencyGrantEntity,
  LegalBasisEntity,
  BusinessItemEntity,
  AgencyNetworkEntity,
  ApplicationEntity,
  ApplicationEventEntity,
  OutboxEventEntity,
];

export interface PermissionsServerOptions {
  logger?: Logger;
  /** Identity's facts about officials; by default asked through the gateway (GATEWAY_URL). */
  directory?: Directory;
  /** The request clock (tests run a repealed city's chain on a date its rules were in force). */
  clock?: () => Date;
  cache?: DecisionInputsCache;
}

export interface RunningPermissions extends RunningScopedSubgraph {
  cache: DecisionInputsCache;
}

export async function startPermissions(config: PermissionsConfig, options: PermissionsServerOptions = {}): Promise<RunningPermissions> {
  const cache = options.cache ?? new DecisionInputsCache();
  const dependencies: PermissionsDependencies = {
    cache,
    directory: options.directory ?? createGatewayDirectory(config.GATEWAY_URL),
    clock: options.clock ?? (() => new Date()),
  };
  const services = createServices(dependencies);
  // The cache is trusted only once the change listener is in place (and whenever it is connected).
  const listener = startInvalidationListener(config.SUBGRAPH_DATABASE_URL, cache);
  try {
    const running = await startScopedSubgraph({
      name: 'permissions',
      schemaName: 'permissions',
      config,
      entities: permissionsEntities,
      logger: options.logger,
      buildSchema: buildPermissionsSchema,
      createContext: (dataSource, verified) => createPermissionsContext(dataSource, verified, services, dependencies),
    });
    await Promise.race([listener.ready, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    return {
      ...running,
      cache,
      stop: async () => {
        await listener.stop();
        await running.stop();
      },
    };
  } catch (error) {
    await listener.stop();
    throw error;
  }
}
