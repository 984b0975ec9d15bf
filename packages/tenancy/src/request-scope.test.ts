import { createTestDatabase, type TestDatabase } from '@custos/testkit';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestScope, TenantScopeError } from './request-scope';
import { cityIsolationSql } from './rls';

/**
 * The tenancy kit against a real PostgreSQL: a scratch table with the same policy every city table
 * gets, read by a non-owner role that cannot bypass row-level security.
 */
const ROLE = 'custos_tenancy_probe';
let db: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  db = await createTestDatabase('tenancy');
  await db.query(`DO $$ BEGIN CREATE ROLE ${ROLE} LOGIN PASSWORD 'probe' NOSUPERUSER NOBYPASSRLS; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
  await db.query(`GRANT CONNECT ON DATABASE ${db.name} TO ${ROLE}`);
  await db.query('CREATE SCHEMA probe');
  await db.query('CREATE TABLE probe.note (id serial PRIMARY KEY, city_id text NOT NULL, body text NOT NULL)');
  for (const sql of cityIsolationSql('probe.note')) await db.query(sql);
  await db.query(`GRANT USAGE ON SCHEMA probe TO ${ROLE}`);
  await db.query(`GRANT SELECT, INSERT ON probe.note TO ${ROLE}`);
  await db.query(`GRANT USAGE ON SEQUENCE probe.note_id_seq TO ${ROLE}`);
  await db.query(`INSERT INTO probe.note (city_id, body) VALUES ('taoyuan', 'a'), ('taoyuan', 'b'), ('tainan', 'c')`);
  const url = new URL(db.ownerUrl);
  url.username = ROLE;
  url.password = 'probe';
  // A pool of ONE connection: every request reuses it, so a leaked setting would show.
  dataSource = await new DataSource({ type: 'postgres', url: url.toString(), extra: { max: 1 } }).initialize();
});

afterAll(async () => {
  await dataSource?.destroy();
  await db?.drop();
});

async function bodiesSeenBy(cityId: string): Promise<string[]> {
  const scope = new RequestScope(dataSource);
  const manager = await scope.manager(cityId);
  const rows: Array<{ body: string }> = await manager.query('select body from probe.note order by body');
  await scope.finish('commit');
  return rows.map((row) => row.body);
}

describe('row-level security under the request scope', () => {
  it("each city sees only its own rows, even with no WHERE clause", async () => {
    expect(await bodiesSeenBy('taoyuan')).toEqual(['a', 'b']);
    expect(await bodiesSeenBy('tainan')).toEqual(['c']);
  });

  it('a query with no city set sees nothing (fail closed), also after the connection served a city', async () => {
    await bodiesSeenBy('taoyuan'); // the pooled connection has now used app.city_id
    const rows = await dataSource.query('select body from probe.note');
    expect(rows).toEqual([]);
  });

  it('an unknown city sees nothing', async () => {
    expect(await bodiesSeenBy('atlantis')).toEqual([]);
  });

  it("cannot write a row into another city's tenancy", async () => {
    const scope = new RequestScope(dataSource);
    const manager = await scope.manager('taoyuan');
    await expect(manager.query(`insert into probe.note (city_id, body) values ('tainan', 'smuggled')`)).rejects.toThrow(/row-level security/);
    await scope.finish('rollback');
    expect(await bodiesSeenBy('tainan')).toEqual(['c']);
  });

  it('refuses to switch city within one request', async () => {
    const scope = new RequestScope(dataSource);
    await scope.manager('taoyuan');
    await expect(scope.manager('tainan')).rejects.toBeInstanceOf(TenantScopeError);
    await scope.finish('rollback');
  });

  it('two cities interleaving on a one-connection pool never see each other', async () => {
    const runs = Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? 'taoyuan' : 'tainan'));
    const results = await Promise.all(runs.map(async (cityId) => ({ cityId, bodies: await bodiesSeenBy(cityId) })));
    for (const { cityId, bodies } of results) expect(bodies).toEqual(cityId === 'taoyuan' ? ['a', 'b'] : ['c']);
  });

  it('rolls back on failure: nothing of a failed request is kept', async () => {
    const scope = new RequestScope(dataSource);
    const manager = await scope.manager('tainan');
    await manager.query(`insert into probe.note (city_id, body) values ('tainan', 'draft')`);
    await scope.finish('rollback');
    expect(await bodiesSeenBy('tainan')).toEqual(['c']);
  });

  it('keeps work done independently even when the request rolls back', async () => {
    const scope = new RequestScope(dataSource);
    await scope.independent('tainan', (manager) => manager.query(`insert into probe.note (city_id, body) values ('tainan', 'kept')`));
    await scope.finish('rollback');
    expect(await bodiesSeenBy('tainan')).toEqual(['c', 'kept']);
  });
});

describe('annotations of the transaction (who, from where, which operation)', () => {
  it('given before the transaction opens, they apply when it opens', async () => {
    const scope = new RequestScope(dataSource);
    await scope.annotate({ 'app.operation': 'mutation before' });
    const manager = await scope.manager('taoyuan');
    const [{ operation }] = await manager.query(`select current_setting('app.operation', true) as operation`);
    await scope.finish('commit');
    expect(operation).toBe('mutation before');
  });

  it('given while the transaction is open, they apply to the very next statement, and end with it', async () => {
    const scope = new RequestScope(dataSource);
    const manager = await scope.manager('taoyuan');
    await scope.annotate({ 'app.operation': 'mutation during' });
    const [{ operation }] = await manager.query(`select current_setting('app.operation', true) as operation`);
    await scope.finish('commit');
    expect(operation).toBe('mutation during');
    // Transaction-local: the pooled connection does not carry it into the next request.
    const [{ leaked }] = await dataSource.query(`select coalesce(current_setting('app.operation', true), '') as leaked`);
    expect(leaked).toBe('');
  });
});
