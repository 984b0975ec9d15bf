// What other packages (the platform launcher, tests) use of the identity subgraph.
export { migrateIdentity, identityMigrations } from './migrations';
export { seedIdentityDemo } from './seed/demo-seed';
export { startIdentity, identityEntities } from './server';
export { identityConfigSchema, type IdentityConfig } from './env';
export { rulesLoginPolicies } from './login/rules-login-policies';
