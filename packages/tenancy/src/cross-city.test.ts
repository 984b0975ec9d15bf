import { createTestDatabase, type TestDatabase } from '@custos/testkit';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestScope, TenantScopeError } from './request-scope';
import { cityIsolationSql, crossCityReadSql } from './rls';

/** Issue 9: cross-city reads see the session's explicit cities and service, and can write nothing. */
const ROLE = 'custos_tenancy_cross_probe';
let db: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  db = await createTestDatabase('tenancy_cross');
  await db.query(`DO $$ BEGIN CREATE ROLE ${ROLE} LOGIN PASSWORD 'probe' NOSUPERUSER NOBYPASSRLS; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
  await db.query(`GRANT CONNECT ON DATABASE ${db.name} TO ${ROLE}`);
  await db.query('CREATE SCHEMA probe');
  await db.query('CREATE TABLE probe.rec (id serial PRIMARY KEY, city_id text NOT NULL, item_key text NOT NULL)');
  for (const sql of [...cityIsolationSql('probe.rec'), ...crossCityReadSql('probe.rec', `split_part(item_key, ':', 1)`)]) await db.query(sql);
  await db.query(`GRANT USAGE ON SCHEMA probe TO ${ROLE}`);
  await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON probe.rec TO ${ROLE}`);
  await db.query(`GRANT USAGE ON SEQUENCE probe.rec_id_seq TO ${ROLE}`);
  await db.query(`INSERT INTO probe.rec (city_id, item_key) VALUES
    ('taipei', 'labor-insurance:C0101:x'), ('taoyuan', 'labor-insurance:B0101:x'), ('taoyuan', 'health-insurance:C0101:x'),
    ('changhua', 'labor-insurance:C0101:x'), ('tainan', 'health-insurance:C0101:x')`);
  const url = new URL(db.ownerUrl);
  url.username = ROLE;
  url.password = 'probe';
  dataSource = await new DataSource({ type: 'postgres', url: url.toString(), extra: { max: 1 } }).initialize();
});

afterAll(async () => {
  await dataSource?.destroy();
  await db?.drop();
});

async function seenAcross(cityIds: string[], service: string): Promise<string[]> {
  const scope = new RequestScope(dataSource);
  const manager = await scope.crossCityManager(cityIds, service);
  const rows: Array<{ city_id: string; item_key: string }> = await manager.query('select city_id, item_key from probe.rec order by id');
  await scope.finish('commit');
  return rows.map((row) => `${row.city_id}/${row.item_key.split(':')[0]}`);
}

describe('cross-city reads under row-level security', () => {
  it('sees only the listed cities and only the session’s service', async () => {
    expect(await seenAcross(['taipei', 'taoyuan'], 'labor-insurance')).toEqual(['taipei/labor-insurance', 'taoyuan/labor-insurance']);
    expect(await seenAcross(['taoyuan', 'tainan'], 'health-insurance')).toEqual(['taoyuan/health-insurance', 'tainan/health-insurance']);
    expect(await seenAcross(['taipei'], 'no-such-service')).toEqual([]);
  });

  it('the one-city policy still applies alone to one-city sessions, and no settings see nothing', async () => {
    const scope = new RequestScope(dataSource);
    const rows = await (await scope.manager('taoyuan')).query('select city_id from probe.rec');
    await scope.finish('commit');
    expect(rows).toHaveLength(2);
    expect(await dataSource.query('select * from probe.rec')).toEqual([]);
  });

  it('cannot insert, update or delete through a cross-city session', async () => {
    for (const sql of [
      `insert into probe.rec (city_id, item_key) values ('taipei', 'labor-insurance:X:x')`,
    ]) {
      const scope = new RequestScope(dataSource);
      const manager = await scope.crossCityManager(['taipei'], 'labor-insurance');
      await expect(manager.query(sql)).rejects.toThrow(/row-level security/);
      await scope.finish('rollback');
    }
    for (const sql of [`update probe.rec set item_key = 'labor-insurance:Z:z'`, `delete from probe.rec`]) {
      const scope = new RequestScope(dataSource);
      const manager = await scope.crossCityManager(['taipei', 'taoyuan'], 'labor-insurance');
      const [, affected] = await manager.query(sql);
      expect(affected).toBe(0);
      await scope.finish('rollback');
    }
    expect(await seenAcross(['taipei', 'taoyuan', 'changhua'], 'labor-insurance')).toHaveLength(3);
  });

  it('a request is either one city or one set of cities', async () => {
    const scope = new RequestScope(dataSource);
    await scope.crossCityManager(['taipei', 'taoyuan'], 'labor-insurance');
    await expect(scope.manager('taipei')).rejects.toBeInstanceOf(TenantScopeError);
    await expect(scope.crossCityManager(['taipei'], 'labor-insurance')).rejects.toBeInstanceOf(TenantScopeError);
    expect(await scope.crossCityManager(['taoyuan', 'taipei'], 'labor-insurance')).toBeDefined();
    await scope.finish('rollback');
    await expect(new RequestScope(dataSource).crossCityManager([], 'labor-insurance')).rejects.toBeInstanceOf(TenantScopeError);
    await expect(new RequestScope(dataSource).crossCityManager(["taipei','x"], 'labor-insurance')).rejects.toBeInstanceOf(TenantScopeError);
  });
});
