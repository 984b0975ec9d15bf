// What other packages (the platform launcher, tests) use of the query-log subgraph.
export { migrateQueryLog, queryLogMigrations } from './migrations';
export { startQueryLog, queryLogEntities } from './server';
export { queryLogConfigSchema, type QueryLogConfig } from './env';
