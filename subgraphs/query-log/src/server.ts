import { startScopedSubgraph, type RunningScopedSubgraph } from '@custos/tenancy';
import type { Logger } from 'typeorm';
import { createQueryLogContext } from './context';
import type { QueryLogConfig } from './env';
import { QueryRecordEntity } from './records/query-record.entity';
import { buildQueryLogSchema } from './schema';

export const queryLogEntities = [QueryRecordEntity];

export function startQueryLog(config: QueryLogConfig, options: { logger?: Logger } = {}): Promise<RunningScopedSubgraph> {
  return startScopedSubgraph({
    name: 'query-log',
    schemaName: 'query_log',
    config,
    entities: queryLogEntities,
    logger: options.logger,
    buildSchema: buildQueryLogSchema,
    createContext: createQueryLogContext,
  });
}
