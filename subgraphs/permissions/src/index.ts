// What other packages (the platform launcher) use of this subgraph: no decorated classes, so plain tsx can load it.
export { migratePermissions, permissionsMigrations } from './migrations';
export { seedPermissionsDemo } from './seed/demo-seed';
export { permissionsConfigSchema, type PermissionsConfig } from './env';
