import { migrateAudit } from '@custos/audit';
import { migrateIdentity, seedIdentityDemo } from '@custos/identity';
import { migratePermissions, seedPermissionsDemo } from '@custos/permissions';
import { appRoleName, appRoleUrl, ensureAppRoles, ensureDatabase, SUBGRAPH_SCHEMAS, type SubgraphSchema } from '@custos/postgres';
import { migrateQueryLog } from '@custos/query-log';
import pg from 'pg';
import { jobsRoleUrl, prepareJobQueue } from './worker/jobs-database';

export interface PreparedDatabase {
  ownerUrl: string;
  appUrl(schema: SubgraphSchema): string;
  /** The job queue's own role (graphile-worker's schema only). */
  jobsUrl: string;
}

/**
 * Brings a database to the current schema: roles, every subgraph's migrations (as the owner), and
 * optionally the demo data. Safe to run again: migrations run once, seeds skip existing rows.
 */
export async function prepareDatabase(options: {
  serverUrl: string;
  databaseName: string;
  appRolePassword: string;
  demo?: { certificateFingerprints: Record<string, string> };
}): Promise<PreparedDatabase> {
  await ensureAppRoles(options.serverUrl, options.appRolePassword);
  const ownerUrl = await ensureDatabase(options.serverUrl, options.databaseName);
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    for (const schema of SUBGRAPH_SCHEMAS) await client.query(`GRANT CONNECT ON DATABASE ${client.escapeIdentifier(options.databaseName)} TO ${appRoleName(schema)}`);
  } finally {
    await client.end();
  }
  await migrateIdentity(ownerUrl);
  await migratePermissions(ownerUrl);
  await migrateQueryLog(ownerUrl);
  await migrateAudit(ownerUrl);
  await prepareJobQueue(options.serverUrl, ownerUrl, options.databaseName, options.appRolePassword);
  if (options.demo) {
    await seedIdentityDemo(ownerUrl, { certificateFingerprints: options.demo.certificateFingerprints });
    await seedPermissionsDemo(ownerUrl);
  }
  return { ownerUrl, appUrl: (schema) => appRoleUrl(ownerUrl, schema, options.appRolePassword), jobsUrl: jobsRoleUrl(ownerUrl, options.appRolePassword) };
}
