export { createSubgraphDataSource, type SubgraphDataSourceOptions } from './data-source';
export { RequestScope, TenantScopeError } from './request-scope';
export { requestTransactionPlugin, type ScopedContext } from './transaction-plugin';
export { cityIsolationSql, schemaUsageSql, CURRENT_CITY_SQL } from './rls';
export { requireAccount, requireRole, hasAnyRole, type RequestContext } from './context';
export { runSchemaMigrations } from './migrate';
export { startScopedSubgraph, stopOnSignals, type RunningScopedSubgraph, type ScopedSubgraphOptions } from './start-subgraph';
