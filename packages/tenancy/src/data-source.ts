import { DataSource, type EntitySchema, type Logger, type MixedList } from 'typeorm';
import { applyRlsAloneMode } from './rls-alone';

export interface SubgraphDataSourceOptions {
  /** Connection string of the subgraph's own non-owner role. */
  url: string;
  /** The PostgreSQL schema this subgraph owns. */
  schema: string;
  entities: MixedList<Function | string | EntitySchema>;
  poolSize?: number;
  logger?: Logger;
}

/** The application's connection: no synchronize, no migrations (those run as the owner, separately). */
export async function createSubgraphDataSource(options: SubgraphDataSourceOptions): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    synchronize: false,
    migrationsRun: false,
    logging: options.logger ? true : false,
    logger: options.logger,
    // A request waits at most 10 s for a connection, then fails clearly instead of hanging.
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000, application_name: `custos-${options.schema}` },
  });
  return applyRlsAloneMode(await dataSource.initialize());
}
