import pg from 'pg';

/**
 * Each subgraph connects as its own login role. The roles own nothing, cannot bypass row-level
 * security and are never superusers: the tables belong to the migrating (admin) role, so
 * `FORCE ROW LEVEL SECURITY` and missing UPDATE/DELETE grants actually bind them.
 */
export const SUBGRAPH_SCHEMAS = ['identity', 'permissions', 'query_log', 'audit'] as const;
export type SubgraphSchema = (typeof SUBGRAPH_SCHEMAS)[number];

export function appRoleName(schema: SubgraphSchema): string {
  return `custos_${schema}`;
}

export async function ensureAppRoles(adminUrl: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const schema of SUBGRAPH_SCHEMAS) {
      const role = appRoleName(schema);
      // CREATE ROLE has no IF NOT EXISTS; the advisory lock keeps parallel test runs from racing here.
      await client.query('select pg_advisory_lock(7426001)');
      try {
        const exists = await client.query('select 1 from pg_roles where rolname = $1', [role]);
        const attributes = 'LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION NOINHERIT';
        const quotedPassword = client.escapeLiteral(password);
        if (exists.rowCount === 0) await client.query(`CREATE ROLE ${role} ${attributes} PASSWORD ${quotedPassword}`);
        else await client.query(`ALTER ROLE ${role} ${attributes} PASSWORD ${quotedPassword}`);
      } finally {
        await client.query('select pg_advisory_unlock(7426001)');
      }
    }
  } finally {
    await client.end();
  }
}

/** The connection string a subgraph uses: same server and database, its own role. */
export function appRoleUrl(databaseUrl: string, schema: SubgraphSchema, password: string): string {
  const url = new URL(databaseUrl);
  url.username = appRoleName(schema);
  url.password = password;
  return url.toString();
}
