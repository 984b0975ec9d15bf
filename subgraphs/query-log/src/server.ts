import { CrossCityReadEntity } from './cross-city/cross-city-read.entity';
import { startScopedSubgraph, type RunningScopedSubgraph } from '@custos/tenancy';
import type { Logger } from 'typeorm';
import { createQueryLogContext } from './context';
import type { QueryLogConfig } from './env';
import { createPlatformGateway, type PlatformGateway } from './platform/platform-gateway';
import { QueryRecordEntity } from './records/query-record.entity';
import { QueryRequestDecisionEntity, QueryRequestEntity } from './requests/query-request.entity';
import { buildQueryLogSchema } from './schema';
import { createQueryLogServices, type QueryLogServices } from './services';

export const queryLogEntities = [QueryRecordEntity, QueryRequestEntity, QueryRequestDecisionEntity, CrossCityReadEntity];

export interface RunningQueryLog extends RunningScopedSubgraph {
  services: QueryLogServices;
}

export async function startQueryLog(config: QueryLogConfig, options: { logger?: Logger; platform?: PlatformGateway } = {}): Promise<RunningQueryLog> {
  const platform = options.platform ?? createPlatformGateway(config.GATEWAY_URL);
  let services: QueryLogServices | undefined;
  const running = await startScopedSubgraph({
    name: 'query-log',
    schemaName: 'query_log',
    config,
    entities: queryLogEntities,
    logger: options.logger,
    buildSchema: buildQueryLogSchema,
    // Reads of the register by admins and auditors land in the audit trail (packages/federation/src/mutation-trail.ts).
    recordedReads: {
      fields: ['queryRegister', 'queryRegisterCsv', 'verifyQueryLog', 'reconciliationRun', 'reconciliationRuns'],
      roles: ['TOP_ADMIN', 'AGENCY_ADMIN', 'UNIT_ADMIN', 'AUDITOR', 'ETHICS_OFFICER'],
    },
    // The data source exists only once the subgraph starts; services are built on first use and shared.
    createContext: (dataSource, verified) => createQueryLogContext(dataSource, (services ??= createQueryLogServices(dataSource, config, platform)), verified),
  });
  services ??= createQueryLogServices(running.dataSource, config, platform);
  const built = services;
  return {
    ...running,
    services: built,
    stop: async () => {
      await built.stop();
      await running.stop();
    },
  };
}
