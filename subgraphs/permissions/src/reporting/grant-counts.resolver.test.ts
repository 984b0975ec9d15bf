import type { AccountPrincipal } from '@custos/auth';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalOf, startPermissionsFixture, type PermissionsFixture } from '../testing/permissions-fixture';

/** Issue 9: grants by item on the demo seed, before and after revoking one user grant. */
const COUNTS = `query ($at: DateTimeISO) { grantCounts(at: $at) { itemKey agencies users } }`;
let fixture: PermissionsFixture;

beforeAll(async () => {
  fixture = await startPermissionsFixture();
});
afterAll(() => fixture?.stop());

describe('grants by item', () => {
  it('counts the agencies and officials holding each item in the caller’s city, and follows a revocation', async () => {
    const auditor = principalOf(fixture.official('taoyuan.auditor'));
    const before = await fixture.client.execute(COUNTS, {}, auditor);
    expect(before.errors).toBeUndefined();
    const rows = before.data.grantCounts as Array<{ itemKey: string; agencies: number; users: number }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((row) => row.itemKey)).toEqual([...rows.map((row) => row.itemKey)].sort());
    expect(rows.every((row) => row.itemKey.startsWith('labor-insurance:'))).toBe(true);
    // The demo caseworker holds their items: one official per item with a user grant.
    const [{ n }] = (await fixture.db.query(`select count(*)::int as n from permissions.user_grant where city_id = 'taoyuan' and revoked_at is null`)).rows;
    expect(rows.reduce((sum, row) => sum + row.users, 0)).toBe(n);
    const held = rows.find((row) => row.users > 0)!;
    await fixture.db.query(`update permissions.user_grant set revoked_at = now(), revoked_reason = 'test' where city_id = 'taoyuan' and item_key = $1 and revoked_at is null`, [held.itemKey]);
    const after = await fixture.client.execute(COUNTS, {}, auditor);
    expect(after.data.grantCounts.find((row: { itemKey: string }) => row.itemKey === held.itemKey)?.users ?? 0).toBe(0);
    const earlier = await fixture.client.execute(COUNTS, { at: new Date(Date.now() - 1000).toISOString() }, auditor);
    expect(earlier.data.grantCounts.find((row: { itemKey: string }) => row.itemKey === held.itemKey).users).toBe(held.users);
    const tainan = await fixture.client.execute(COUNTS, {}, principalOf(fixture.official('tainan.auditor')));
    expect(tainan.data.grantCounts.every((row: { itemKey: string }) => row.itemKey.startsWith('health-insurance:'))).toBe(true);
    expect((await fixture.client.execute(COUNTS, {}, principalOf(fixture.official('taoyuan.clerk')))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

/** Issue 9: a central agency counts the grants of its own service across the cities of its reach. */
const ACROSS = `query LaborGrants($cityIds: [ID!]) { grantCounts(cityIds: $cityIds) { cityId itemKey agencies users } }`;
const READS = `query { applicationCrossCityReads(first: 200) { nodes { cityId service readerAccountId operation rowCount } } }`;
const ALL = ['changhua', 'taipei', 'tainan', 'taoyuan'];
type Row = { cityId: string; itemKey: string; agencies: number; users: number };
const officer = (service: 'labor-insurance' | 'health-insurance', cityIds = ALL, extra: Partial<AccountPrincipal> = {}): AccountPrincipal => ({
  kind: 'account', accountId: randomUUID(), personId: randomUUID(), cityId: 'central', agencyId: randomUUID(), roles: ['BUREAU_OFFICER'], crossCity: { cityIds, service }, ...extra,
});

/** What the owner (no row-level security) counts: the grants in force now, of the service, by city and item. */
async function ownerCounts(service: string, cityIds: string[]): Promise<Row[]> {
  const { rows } = await fixture.db.query(
    `WITH a AS (SELECT city_id, item_key, count(DISTINCT agency_id)::int AS n FROM permissions.agency_grant
                 WHERE city_id = ANY ($1) AND split_part(item_key, ':', 1) = $2 AND granted_at <= now() AND (revoked_at IS NULL OR revoked_at > now()) GROUP BY 1, 2),
          u AS (SELECT city_id, item_key, count(DISTINCT account_id)::int AS n FROM permissions.user_grant
                 WHERE city_id = ANY ($1) AND split_part(item_key, ':', 1) = $2 AND granted_at <= now() AND (revoked_at IS NULL OR revoked_at > now()) GROUP BY 1, 2)
     SELECT coalesce(a.city_id, u.city_id) AS "cityId", coalesce(a.item_key, u.item_key) AS "itemKey", coalesce(a.n, 0) AS agencies, coalesce(u.n, 0) AS users
       FROM a FULL JOIN u ON u.city_id = a.city_id AND u.item_key = a.item_key ORDER BY 1, 2`,
    [cityIds, service],
  );
  return rows;
}

describe('grants by item across cities (a central agency)', () => {
  it('the labor bureau counts the labor-insurance grants of its cities by city and item; the NHI only health-insurance ones', async () => {
    const labor = await fixture.client.execute(ACROSS, {}, officer('labor-insurance'));
    expect(labor.errors).toBeUndefined();
    const rows = labor.data.grantCounts as Row[];
    const expected = await ownerCounts('labor-insurance', ALL);
    // The demo seed grants labor-insurance items in Taipei, Taoyuan and Changhua: three cities, in one answer.
    expect(new Set(expected.map((row) => row.cityId))).toEqual(new Set(['changhua', 'taipei', 'taoyuan']));
    expect(rows).toEqual(expected);
    expect(rows.every((row) => row.itemKey.startsWith('labor-insurance:'))).toBe(true);

    const two = (await fixture.client.execute(ACROSS, { cityIds: ['taoyuan'] }, officer('labor-insurance'))).data.grantCounts as Row[];
    expect(two).toEqual(expected.filter((row) => row.cityId === 'taoyuan'));

    const health = (await fixture.client.execute(ACROSS, {}, officer('health-insurance'))).data.grantCounts as Row[];
    expect(health).toEqual(await ownerCounts('health-insurance', ALL));
    expect(health.length).toBeGreaterThan(0);
    expect(health.every((row) => row.itemKey.startsWith('health-insurance:'))).toBe(true);
    // The NHI asked about Taoyuan, a labor-insurance city: nothing of its service there.
    expect((await fixture.client.execute(ACROSS, { cityIds: ['taoyuan'] }, officer('health-insurance'))).data.grantCounts).toEqual([]);
  });

  it('works for a bureau’s read-only reporting token, and refuses a city outside the reach', async () => {
    const token = officer('labor-insurance', ['changhua', 'taoyuan'], { readOnly: true } as Partial<AccountPrincipal>);
    const rows = (await fixture.client.execute(ACROSS, {}, token)).data.grantCounts as Row[];
    expect(rows).toEqual(await ownerCounts('labor-insurance', ['changhua', 'taoyuan']));
    expect((await fixture.client.execute(ACROSS, { cityIds: ['tainan'] }, token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a city’s caller counts its own city only, and is refused when naming another city', async () => {
    const auditor = principalOf(fixture.official('taoyuan.auditor'));
    const own = (await fixture.client.execute(ACROSS, {}, auditor)).data.grantCounts as Row[];
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((row) => row.cityId === 'taoyuan')).toBe(true);
    expect((await fixture.client.execute(ACROSS, { cityIds: ['taoyuan'] }, auditor)).data.grantCounts).toEqual(own);
    expect((await fixture.client.execute(ACROSS, { cityIds: ['changhua'] }, auditor)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('logs the read in each city’s application read log with the holdings counted', async () => {
    const reader = officer('labor-insurance', ['changhua', 'taoyuan']);
    await fixture.client.execute(ACROSS, {}, reader);
    const expected = await ownerCounts('labor-insurance', ['changhua', 'taoyuan']);
    const heldIn = (cityId: string) => expected.filter((row) => row.cityId === cityId).reduce((sum, row) => sum + row.agencies + row.users, 0);
    for (const cityId of ['taoyuan', 'changhua']) {
      const reads = await fixture.client.execute(READS, {}, principalOf(fixture.official(`${cityId}.admin`)));
      expect(reads.errors).toBeUndefined();
      const mine = reads.data.applicationCrossCityReads.nodes.filter((node: { readerAccountId: string }) => node.readerAccountId === reader.accountId);
      expect(mine).toEqual([{ cityId, service: 'labor-insurance', readerAccountId: reader.accountId, operation: 'LaborGrants/grantCounts', rowCount: heldIn(cityId) }]);
      expect(heldIn(cityId)).toBeGreaterThan(0);
    }
  });

  it('row-level security alone: the app role with app.city_ids and app.service sees those cities’ grants of that service, and changes none', async () => {
    const client = new pg.Client({ connectionString: fixture.db.appUrl('permissions') });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`select set_config('app.city_ids', 'taoyuan,tainan', true), set_config('app.service', 'labor-insurance', true)`);
      const seen = (await client.query(`select distinct city_id, split_part(item_key, ':', 1) as service from permissions.user_grant union select distinct city_id, split_part(item_key, ':', 1) from permissions.agency_grant`)).rows;
      expect(seen).toEqual([{ city_id: 'taoyuan', service: 'labor-insurance' }]);
      const [{ n }] = (await fixture.db.query(`select count(*)::int as n from permissions.agency_grant where city_id = 'taoyuan' and split_part(item_key, ':', 1) = 'labor-insurance'`)).rows;
      expect((await client.query(`select count(*)::int as n from permissions.agency_grant`)).rows[0].n).toBe(n);
      expect((await client.query(`update permissions.agency_grant set revoked_reason = 'x' returning id`)).rowCount).toBe(0);
      await client.query(`select set_config('app.city_ids', '', true)`);
      expect((await client.query(`select count(*)::int as n from permissions.user_grant`)).rows[0].n).toBe(0);
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
  });
});
