import { appRoleUrl, dropDatabase, ensureAppRoles, ensureDatabase, type SubgraphSchema } from '@custos/postgres';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_APP_ROLE_PASSWORD = 'custos-test-app-role';

export interface TestDatabase {
  name: string;
  /** Owner (admin) connection to the test database: migrations, seeds, tampering tests. */
  ownerUrl: string;
  /** Connection as a subgraph's own role, as the running service would use. */
  appUrl(schema: SubgraphSchema): string;
  /** Runs SQL as the owner. */
  query<T extends pg.QueryResultRow = any>(sql: string, params?: unknown[]): Promise<pg.QueryResult<T>>;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run tests through vitest with the @custos/testkit global setup');
  return url;
}

/** A fresh database on the test server, with the subgraph roles in place. */
export async function createTestDatabase(prefix = 't'): Promise<TestDatabase> {
  const adminUrl = serverUrl();
  const name = `custos_${prefix}_${randomBytes(5).toString('hex')}`;
  await ensureAppRoles(adminUrl, TEST_APP_ROLE_PASSWORD);
  const ownerUrl = await ensureDatabase(adminUrl, name);
  for (const role of ['custos_identity', 'custos_permissions', 'custos_query_log', 'custos_audit']) {
    const client = new pg.Client({ connectionString: ownerUrl });
    await client.connect();
    await client.query(`GRANT CONNECT ON DATABASE ${name} TO ${role}`).finally(() => client.end());
  }
  return {
    name,
    ownerUrl,
    appUrl: (schema) => appRoleUrl(ownerUrl, schema, TEST_APP_ROLE_PASSWORD),
    async query(sql, params) {
      const client = new pg.Client({ connectionString: ownerUrl });
      await client.connect();
      try {
        return await client.query(sql, params as unknown[]);
      } finally {
        await client.end();
      }
    },
    drop: () => dropDatabase(adminUrl, name),
  };
}
