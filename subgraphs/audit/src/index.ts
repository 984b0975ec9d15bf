// What other packages (the platform launcher) use of this subgraph: no decorated classes, so plain tsx can load it.
export { migrateAudit, auditMigrations } from './migrations';
export { auditConfigSchema, type AuditConfig } from './env';
