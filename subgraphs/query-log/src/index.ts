// What other packages (the platform launcher) use of this subgraph: no decorated classes, so plain tsx can load it.
export { migrateQueryLog, queryLogMigrations } from './migrations';
export { queryLogConfigSchema, type QueryLogConfig } from './env';
