export { startEmbeddedCluster, type EmbeddedCluster, type EmbeddedClusterOptions } from './embedded';
export { findFreePort } from './ports';
export { ensureAppRoles, appRoleName, appRoleUrl, SUBGRAPH_SCHEMAS, type SubgraphSchema } from './roles';
export { ensureDatabase, dropDatabase, databaseExists, withDatabase } from './database';
