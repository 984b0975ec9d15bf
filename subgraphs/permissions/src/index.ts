// What other packages (the platform launcher, tests) use of the permissions subgraph.
export { migratePermissions, permissionsMigrations } from './migrations';
export { seedPermissionsDemo } from './seed/demo-seed';
export { startPermissions, permissionsEntities } from './server';
export { permissionsConfigSchema, type PermissionsConfig } from './env';
