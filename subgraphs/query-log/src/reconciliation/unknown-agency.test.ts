import { randomUUID } from 'node:crypto';
import { addStandInAgencies } from '@custos/tenancy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { official, startQueryLogFixture, type QueryLogFixture, type TestOfficial } from '../testing/query-log-fixture';

/**
 * A top admin may name any agency of their city for a bureau import or a reconciliation — never
 * another city's agency (nor an id that is no agency): UNKNOWN_AGENCY, and nothing is written. The
 * agencies come from identity's directory (a stand-in here), read under row-level security.
 */
const RECONCILE = `mutation ($month: String!, $agencyId: ID) { reconcileMonth(month: $month, agencyId: $agencyId) { id agencyId } }`;
const IMPORT = `mutation ($agencyId: ID) { importBureauRecords(fileName: "x.csv", csv: "record_id", agencyId: $agencyId) { id } }`;

let f: QueryLogFixture;
let topAdmin: TestOfficial;
const ownOtherAgency = randomUUID();
const otherCityAgency = randomUUID();

beforeAll(async () => {
  f = await startQueryLogFixture();
  topAdmin = official(f.platform, 'taoyuan', ['TOP_ADMIN']);
  await addStandInAgencies((sql, params) => f.db.query(sql, params), [
    { id: topAdmin.agencyId, cityId: 'taoyuan' },
    { id: ownOtherAgency, cityId: 'taoyuan' },
    { id: otherCityAgency, cityId: 'taipei' },
  ]);
});
afterAll(async () => {
  await f?.stop();
});

const counts = async () =>
  (await f.db.query(`select (select count(*) from query_log.reconciliation_run)::int as runs, (select count(*) from query_log.bureau_import_job)::int as jobs`)).rows[0];

describe('agencies named by a top admin', () => {
  it('refuses another city’s agency and an unknown id with UNKNOWN_AGENCY, writing nothing', async () => {
    const before = await counts();
    for (const agencyId of [otherCityAgency, randomUUID()]) {
      for (const [document, variables] of [[RECONCILE, { month: '2026-10', agencyId }], [IMPORT, { agencyId }]] as const) {
        const result = await f.client.execute(document, variables, topAdmin.principal);
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_AGENCY', field: 'agencyId' });
        expect(result.errors?.[0]?.message).toMatch(/no agency with this id in your city/);
        expect(result.data ?? null).toBeNull();
      }
    }
    expect(await counts()).toEqual(before);
  });

  it('accepts another agency of the same city, and the caller’s own agency unnamed', async () => {
    const named = await f.client.execute(RECONCILE, { month: '2026-10', agencyId: ownOtherAgency }, topAdmin.principal);
    expect(named.errors).toBeUndefined();
    expect(named.data.reconcileMonth.agencyId).toBe(ownOtherAgency);
    expect((await f.client.execute(RECONCILE, { month: '2026-10' }, topAdmin.principal)).errors).toBeUndefined();
    expect((await f.client.execute(IMPORT, { agencyId: ownOtherAgency }, topAdmin.principal)).errors).toBeUndefined();
  });

  it('the directory itself shows the query log’s role its own city’s agencies only, whatever the query names', async () => {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: f.db.appUrl('query_log') });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`select set_config('app.city_id', 'taoyuan', true)`);
      const rows = (await client.query(`select id from identity.city_agency where id = any($1::uuid[])`, [[ownOtherAgency, otherCityAgency]])).rows;
      expect(rows.map((r) => r.id)).toEqual([ownOtherAgency]);
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
  });
});
