// What other packages (the platform launcher, tests) use of the audit subgraph.
export { migrateAudit, auditMigrations } from './migrations';
export { startAudit, auditEntities } from './server';
export { auditConfigSchema, type AuditConfig } from './env';
