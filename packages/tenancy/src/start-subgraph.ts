import { createGatewayAssertionVerifier, type JWK, type VerifiedAssertion } from '@custos/auth';
import { mutationTrailPlugin, serveSubgraph, type HttpRoute, type MutationTrailOptions, type RunningSubgraph, type SubgraphConfig } from '@custos/federation';
import type { GraphQLSchema } from 'graphql';
import type { DataSource, EntitySchema, Logger, MixedList } from 'typeorm';
import { createSubgraphDataSource } from './data-source';
import { requestTransactionPlugin, type ScopedContext } from './transaction-plugin';

export interface RunningScopedSubgraph extends RunningSubgraph {
  dataSource: DataSource;
}

export interface ScopedSubgraphOptions<TContext extends ScopedContext> {
  name: string;
  /** The PostgreSQL schema the subgraph owns. */
  schemaName: string;
  config: SubgraphConfig;
  entities: MixedList<Function | string | EntitySchema>;
  buildSchema(): Promise<GraphQLSchema>;
  createContext(dataSource: DataSource, verified: VerifiedAssertion): TContext;
  routes?: HttpRoute[];
  logger?: Logger;
  /** Reads recorded in the audit trail (the query log read by admins and auditors). */
  recordedReads?: MutationTrailOptions['recordedReads'];
}

/**
 * The common shape of every subgraph process: its own role's connection pool, the gateway check,
 * one transaction per request (committed before the response), a health route.
 */
export async function startScopedSubgraph<TContext extends ScopedContext>(options: ScopedSubgraphOptions<TContext>): Promise<RunningScopedSubgraph> {
  const { config } = options;
  const dataSource = await createSubgraphDataSource({
    url: config.SUBGRAPH_DATABASE_URL,
    schema: options.schemaName,
    entities: options.entities,
    poolSize: config.SUBGRAPH_POOL_SIZE,
    logger: options.logger,
  });
  try {
    const running = await serveSubgraph<TContext>(
      {
        name: options.name,
        schema: await options.buildSchema(),
        assertionVerifier: await createGatewayAssertionVerifier(config.GATEWAY_PUBLIC_KEY as JWK),
        createContext: async (verified) => options.createContext(dataSource, verified),
        plugins: [requestTransactionPlugin<TContext>(), mutationTrailPlugin<TContext>({ schema: options.schemaName, recordedReads: options.recordedReads })],
        exposeInternalErrors: config.NODE_ENV !== 'production',
        routes: [...(options.routes ?? []), { method: 'GET', path: '/health', handle: (_request, response) => void response.end('ok') }],
      },
      { host: config.SUBGRAPH_HOST, port: config.SUBGRAPH_PORT },
    );
    return {
      ...running,
      dataSource,
      stop: async () => {
        await running.stop();
        await dataSource.destroy();
      },
    };
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

/** Stops the subgraph on SIGTERM/SIGINT: drain in-flight requests, close the pool, exit. */
export function stopOnSignals(name: string, running: { stop(): Promise<void> }): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      running.stop().then(
        () => process.exit(0),
        (error) => {
          console.error(`[${name}] shutdown failed`, error);
          process.exit(1);
        },
      );
    });
  }
}
