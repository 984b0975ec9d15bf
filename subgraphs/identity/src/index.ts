// What other packages (the platform launcher) use of this subgraph: no decorated classes, so plain tsx can load it.
export { migrateIdentity, identityMigrations } from './migrations';
export { seedIdentityDemo } from './seed/demo-seed';
export { identityConfigSchema, type IdentityConfig } from './env';
export { rulesLoginPolicies } from './login/rules-login-policies';
