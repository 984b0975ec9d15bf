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
