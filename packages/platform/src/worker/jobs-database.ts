import { runMigrations } from 'graphile-worker';
import pg from 'pg';

/** The job queue's login role: owns nothing, cannot bypass row-level security, sees only the queue's schema. */
export const JOBS_ROLE = 'custos_jobs';
export const JOBS_SCHEMA = 'graphile_worker';

/**
 * Installs (or upgrades) graphile-worker's schema as the database owner, and gives the queue's own
 * role exactly what the worker needs at run time: the queue's tables, sequences and functions. The
 * subgraphs' tasks never use this role; they connect as their own.
 */
export async function prepareJobQueue(serverUrl: string, ownerUrl: string, databaseName: string, password: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    // The same lock ensureAppRoles takes: parallel test runs must not race on CREATE ROLE.
    await admin.query('select pg_advisory_lock(7426001)');
    try {
      const exists = await admin.query('select 1 from pg_roles where rolname = $1', [JOBS_ROLE]);
      const attributes = 'LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION NOINHERIT';
      await admin.query(`${exists.rowCount === 0 ? 'CREATE' : 'ALTER'} ROLE ${JOBS_ROLE} ${attributes} PASSWORD ${admin.escapeLiteral(password)}`);
    } finally {
      await admin.query('select pg_advisory_unlock(7426001)');
    }
  } finally {
    await admin.end();
  }
  await runMigrations({ connectionString: ownerUrl, schema: JOBS_SCHEMA, logger: undefined });
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    for (const sql of [
      `GRANT CONNECT ON DATABASE ${owner.escapeIdentifier(databaseName)} TO ${JOBS_ROLE}`,
      `GRANT USAGE ON SCHEMA ${JOBS_SCHEMA} TO ${JOBS_ROLE}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOBS_SCHEMA} TO ${JOBS_ROLE}`,
      `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${JOBS_SCHEMA} TO ${JOBS_ROLE}`,
      `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${JOBS_SCHEMA} TO ${JOBS_ROLE}`,
    ]) {
      await owner.query(sql);
    }
    // graphile-worker keeps row-level security on its private tables (so that only their owner reads them);
    // the queue's role gets every row of the queue's own tables, and nothing anywhere else.
    const protectedTables = await owner.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r' AND c.relrowsecurity`,
      [JOBS_SCHEMA],
    );
    for (const { name } of protectedTables.rows) {
      const table = `${JOBS_SCHEMA}.${owner.escapeIdentifier(name)}`;
      await owner.query(`DROP POLICY IF EXISTS queue_role ON ${table}`);
      await owner.query(`CREATE POLICY queue_role ON ${table} TO ${JOBS_ROLE} USING (true) WITH CHECK (true)`);
    }
  } finally {
    await owner.end();
  }
}

export function jobsRoleUrl(ownerUrl: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = JOBS_ROLE;
  url.password = password;
  return url.toString();
}
