import { appRoleName, SUBGRAPH_SCHEMAS } from '@custos/postgres';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ownerQuery, platform, platformSecrets } from '../support/platform';

/** Every table with a city_id column in the four subgraph schemas. */
async function cityTables(): Promise<Array<{ schema: string; table: string; rls: boolean; forced: boolean }>> {
  return ownerQuery(
    `select n.nspname as schema, c.relname as table, c.relrowsecurity as rls, c.relforcerowsecurity as forced
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'r' and n.nspname = any($1)
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'city_id' and not a.attisdropped)
      order by 1, 2`,
    [[...SUBGRAPH_SCHEMAS]],
  );
}

async function asRole<T>(schema: (typeof SUBGRAPH_SCHEMAS)[number], work: (client: pg.Client) => Promise<T>): Promise<T> {
  const secrets = await platformSecrets();
  const url = new URL(platform().databaseOwnerUrl);
  url.username = appRoleName(schema);
  url.password = secrets.appRolePassword;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('row-level security in the platform database', () => {
  it('every city table has row-level security enabled and forced', async () => {
    const tables = await cityTables();
    // login_challenge carries a city but holds only anonymous pre-login nonces; it is read by id before any city is known.
    const scoped = tables.filter((t) => !(t.schema === 'identity' && t.table === 'login_challenge'));
    expect(scoped.length).toBeGreaterThanOrEqual(7);
    for (const table of scoped) expect({ ...table, rls: table.rls, forced: table.forced }).toEqual({ ...table, rls: true, forced: true });
  });

  it('no subgraph role is a superuser or may bypass row-level security, and none owns a table', async () => {
    const roles = await ownerQuery(`select rolname, rolsuper, rolbypassrls from pg_roles where rolname = any($1)`, [SUBGRAPH_SCHEMAS.map(appRoleName)]);
    expect(roles).toHaveLength(4);
    for (const role of roles) expect(role).toMatchObject({ rolsuper: false, rolbypassrls: false });
    const owned = await ownerQuery(`select count(*)::int as n from pg_tables where tableowner = any($1)`, [SUBGRAPH_SCHEMAS.map(appRoleName)]);
    expect(owned[0].n).toBe(0);
  });

  it('with no city set the identity role sees no accounts; with a city, only that city', async () => {
    const [{ total }] = await ownerQuery(`select count(*)::int as total from identity.account`);
    expect(total).toBeGreaterThan(10);
    await asRole('identity', async (client) => {
      expect((await client.query('select count(*)::int as n from identity.account')).rows[0].n).toBe(0);
      await client.query('BEGIN');
      await client.query(`select set_config('app.city_id', 'taoyuan', true)`);
      const cities = (await client.query('select distinct city_id from identity.account')).rows.map((row) => row.city_id);
      expect(cities).toEqual(['taoyuan']);
      await client.query('COMMIT');
      // After the transaction the setting is gone again.
      expect((await client.query('select count(*)::int as n from identity.account')).rows[0].n).toBe(0);
    });
  });

  it('the query-log role cannot update, delete or truncate query records', async () => {
    await asRole('query_log', async (client) => {
      await expect(client.query(`update query_log.query_record set purpose = 'x'`)).rejects.toThrow(/permission denied/);
      await expect(client.query(`delete from query_log.query_record`)).rejects.toThrow(/permission denied/);
      await expect(client.query(`truncate query_log.query_record`)).rejects.toThrow(/permission denied/);
    });
  });

  it("a subgraph role cannot read another subgraph's schema", async () => {
    await asRole('permissions', async (client) => {
      await expect(client.query('select 1 from identity.account limit 1')).rejects.toThrow(/permission denied/);
    });
  });
});
