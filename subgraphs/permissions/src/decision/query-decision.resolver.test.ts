import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOfficial, principalOf, startPermissionsFixture, type Official, type PermissionsFixture } from '../testing/permissions-fixture';

const DECIDE = `query ($reps: [_Any!]!, $item: ID!, $at: DateTimeISO, $purpose: String, $net: String, $pre: Boolean) {
  _entities(representations: $reps) {
    ... on Account { queryDecision(itemKey: $item, at: $at, purpose: $purpose, networkAddress: $net, preApprovalApproved: $pre) { allowed reasons { code message citation } ruleVersion decidedAt } }
  }
}`;

const LABOR_C0101 = 'labor-insurance:C0101:unspecified';
const HEALTH_C0101 = 'health-insurance:C0101:national-id';

let fixture: PermissionsFixture;
let vendor: Official;
let districtAdmin: Official;

/** What identity would put in the representation for the fields queryDecision @requires. */
const representation = (official: Official, overrides: Record<string, unknown> = {}) => ({
  __typename: 'Account',
  id: official.accountId,
  status: official.status,
  isVendorStaff: official.isVendorStaff,
  agencyId: official.agencyId,
  unitId: official.unitId,
  ...overrides,
});

async function decide(asker: Official, about: Official, variables: { item: string; at?: string; net?: string; pre?: boolean; purpose?: string }, overrides: Record<string, unknown> = {}) {
  const result = await fixture.client.execute(DECIDE, { reps: [representation(about, overrides)], ...variables }, principalOf(asker));
  return { errors: result.errors, decision: result.data?._entities?.[0]?.queryDecision as { allowed: boolean; reasons: Array<{ code: string; message: string; citation: string | null }>; ruleVersion: string | null } | undefined };
}

const codes = (decision: { reasons: Array<{ code: string }> } | undefined) => decision?.reasons.map((reason) => reason.code).sort();

beforeAll(async () => {
  vendor = makeOfficial('taoyuan', 'social', ['CASEWORKER'], { isVendorStaff: true });
  districtAdmin = makeOfficial('taoyuan', 'district', ['AGENCY_ADMIN']);
  fixture = await startPermissionsFixture({ extraOfficials: [vendor, districtAdmin] });
});

afterAll(() => fixture?.stop());

describe('queryDecision', () => {
  it('allows a caseworker an item they and their agency hold, naming the rule version', async () => {
    const clerk = fixture.official('taoyuan.clerk');
    const { errors, decision } = await decide(clerk, clerk, { item: LABOR_C0101, purpose: '社會救助資格審核' });
    expect(errors).toBeUndefined();
    expect(decision).toMatchObject({ allowed: true, reasons: [], ruleVersion: 'taoyuan-labor-insurance-2016' });
  });

  it('refuses an item the account does not hold, and the agency does not hold, with both reasons', async () => {
    const clerk = fixture.official('taoyuan.clerk');
    const { decision } = await decide(clerk, clerk, { item: 'labor-insurance:B0101:unspecified' });
    expect(decision?.allowed).toBe(false);
    expect(codes(decision)).toEqual(['AGENCY_GRANT_NOT_HELD', 'GRANT_NOT_HELD']);
  });

  it("refuses an item of the other bureau's service, and an unknown item", async () => {
    const clerk = fixture.official('taoyuan.clerk');
    const other = await decide(clerk, clerk, { item: HEALTH_C0101 });
    expect(codes(other.decision)).toEqual(['AGENCY_GRANT_NOT_HELD', 'GRANT_NOT_HELD', 'ITEM_NOT_IN_SERVICE']);
    const unknown = await decide(clerk, clerk, { item: 'labor-insurance:Z9999:national-id' });
    expect(codes(unknown.decision)).toEqual(['UNKNOWN_ITEM']);
  });

  it('refuses an account that is not active, and vendor staff (citing the rule), with every reason at once', async () => {
    const clerk = fixture.official('taoyuan.clerk');
    const suspended = await decide(clerk, clerk, { item: LABOR_C0101 }, { status: 'SUSPENDED' });
    expect(codes(suspended.decision)).toEqual(['ACCOUNT_NOT_ACTIVE']);
    const admin = fixture.official('taoyuan.admin');
    const vendorDecision = await decide(admin, vendor, { item: LABOR_C0101 }, { status: 'REVOKED' });
    expect(codes(vendorDecision.decision)).toEqual(['ACCOUNT_NOT_ACTIVE', 'GRANT_NOT_HELD', 'VENDOR_STAFF']);
    expect(vendorDecision.decision?.reasons.find((r) => r.code === 'VENDOR_STAFF')?.citation).toMatch(/platform default/);
  });

  it("refuses every Taipei query after the repeal, citing it; before it, Taipei's office hours and premises apply", async () => {
    const clerk = fixture.official('taipei.clerk');
    const now = await decide(clerk, clerk, { item: LABOR_C0101, net: '10.1.2.3' });
    expect(codes(now.decision)).toEqual(['RULES_NOT_IN_FORCE']);
    expect(now.decision?.reasons[0]?.message).toMatch(/repealed on 2021-01-14/);
    expect(now.decision?.reasons[0]?.citation).toBe('Taipei 沿革');
    expect(now.decision?.ruleVersion).toBeNull();

    // Monday 2020-06-01, 10:00 in Taipei, from the agency's office network.
    const inOffice = await decide(clerk, clerk, { item: LABOR_C0101, at: '2020-06-01T02:00:00Z', net: '10.1.2.3' });
    expect(inOffice.decision).toMatchObject({ allowed: true, ruleVersion: 'taipei-labor-insurance-2014' });
    const evening = await decide(clerk, clerk, { item: LABOR_C0101, at: '2020-06-01T13:00:00Z', net: '10.1.2.3' });
    expect(codes(evening.decision)).toEqual(['OUTSIDE_OFFICE_HOURS']);
    expect(evening.decision?.reasons[0]?.citation).toBe('Taipei 6(三)');
    const elsewhere = await decide(clerk, clerk, { item: LABOR_C0101, at: '2020-06-01T02:00:00Z', net: '8.8.8.8' });
    expect(codes(elsewhere.decision)).toEqual(['OUTSIDE_OFFICE_NETWORK']);
    const unknownPlace = await decide(clerk, clerk, { item: LABOR_C0101, at: '2020-06-01T02:00:00Z' });
    expect(codes(unknownPlace.decision)).toEqual(['OUTSIDE_OFFICE_NETWORK']);
    const mapped = await decide(clerk, clerk, { item: LABOR_C0101, at: '2020-06-01T02:00:00Z', net: '::ffff:192.168.4.5' });
    expect(mapped.decision?.allowed).toBe(true);
    const vendorInTaipei = await decide(clerk, clerk, { item: LABOR_C0101, at: '2020-06-01T02:00:00Z', net: '10.1.2.3' }, { isVendorStaff: true });
    expect(vendorInTaipei.decision?.reasons).toEqual([expect.objectContaining({ code: 'VENDOR_STAFF', citation: 'Taipei 5(五)' })]);
  });

  it('requires the supervisor’s pre-approval where the rules do (Tainan 7(一), Changhua 5(一))', async () => {
    const tainan = fixture.official('tainan.clerk');
    const without = await decide(tainan, tainan, { item: HEALTH_C0101 });
    expect(without.decision?.reasons).toEqual([expect.objectContaining({ code: 'PRE_APPROVAL_REQUIRED', citation: 'Tainan 7(一)' })]);
    expect((await decide(tainan, tainan, { item: HEALTH_C0101, pre: true })).decision?.allowed).toBe(true);
    const changhua = fixture.official('changhua.clerk');
    expect((await decide(changhua, changhua, { item: LABOR_C0101, pre: true })).decision?.allowed).toBe(true);
    // Before Changhua's revision only F0201 could be queried at all.
    const before = await decide(changhua, changhua, { item: LABOR_C0101, pre: true, at: '2023-06-01T02:00:00Z' });
    expect(codes(before.decision)).toEqual(['ITEM_NOT_ELIGIBLE']);
    expect(before.decision?.ruleVersion).toBe('changhua-labor-insurance-original');
  });

  it('judges grants at the moment asked: nothing was held before the grant', async () => {
    const clerk = fixture.official('taoyuan.clerk');
    const { decision } = await decide(clerk, clerk, { item: LABOR_C0101, at: '2019-06-01T02:00:00Z' });
    expect(codes(decision)).toEqual(['AGENCY_GRANT_NOT_HELD', 'GRANT_NOT_HELD']);
  });
});

describe('who may ask', () => {
  it('the account itself, the top admin and the admin of its agency may; a colleague and another agency’s admin may not', async () => {
    const clerk = fixture.official('taoyuan.clerk');
    expect((await decide(fixture.official('taoyuan.admin'), clerk, { item: LABOR_C0101 })).decision?.allowed).toBe(true);
    expect((await decide(fixture.official('taoyuan.agencyadmin'), clerk, { item: LABOR_C0101 })).decision?.allowed).toBe(true);
    const colleague = await decide(fixture.official('taoyuan.head'), clerk, { item: LABOR_C0101 });
    expect(colleague.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const otherAgency = await decide(districtAdmin, clerk, { item: LABOR_C0101 });
    expect(otherAgency.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("another city's admin sees none of the account's grants (the loaders and row-level security hold the city)", async () => {
    // Judged in the asker's city (Tainan): its rules, and none of Taoyuan's grants.
    const { decision } = await decide(fixture.official('tainan.admin'), fixture.official('taoyuan.clerk'), { item: LABOR_C0101, pre: true });
    expect(codes(decision)).toEqual(['AGENCY_GRANT_NOT_HELD', 'GRANT_NOT_HELD', 'ITEM_NOT_IN_SERVICE']);
  });

  it('refuses bad input clearly and anonymous callers entirely', async () => {
    const clerk = fixture.official('taoyuan.clerk');
    const badAddress = await decide(clerk, clerk, { item: LABOR_C0101, net: 'not-an-address' });
    expect(badAddress.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_NETWORK_ADDRESS', field: 'networkAddress' });
    const longPurpose = await decide(clerk, clerk, { item: LABOR_C0101, purpose: 'x'.repeat(501) });
    expect(longPurpose.errors?.[0]?.extensions).toMatchObject({ code: 'PURPOSE_TOO_LONG', field: 'purpose' });
    const anonymous = await fixture.client.execute(DECIDE, { reps: [representation(clerk)], item: LABOR_C0101 });
    expect(anonymous.data?._entities).toEqual([null]);
  });
});

describe('decision speed and freshness', () => {
  it('answers from the cache once warm: no SQL at all', async () => {
    const clerk = fixture.official('changhua.clerk');
    await decide(clerk, clerk, { item: LABOR_C0101, pre: true });
    fixture.queries.reset();
    const { decision } = await decide(clerk, clerk, { item: LABOR_C0101, pre: true });
    expect(decision?.allowed).toBe(true);
    expect(fixture.queries.statements).toEqual([]);
  });

  it('batches many accounts in one request into one statement per kind of input', async () => {
    const admin = fixture.official('taoyuan.admin');
    const accounts = Array.from({ length: 20 }, () => makeOfficial('taoyuan', 'social', ['CASEWORKER']));
    fixture.permissions.cache.clear();
    fixture.queries.reset();
    const result = await fixture.client.execute(DECIDE, { reps: accounts.map((account) => representation(account)), item: LABOR_C0101 }, principalOf(admin));
    expect(result.data._entities).toHaveLength(20);
    expect(fixture.queries.dataStatements()).toHaveLength(2);
  });

  it('a revoke made anywhere (here: straight in the database) takes effect within one second', async () => {
    const clerk = fixture.official('taoyuan.clerk');
    expect((await decide(clerk, clerk, { item: LABOR_C0101 })).decision?.allowed).toBe(true);
    expect((await decide(clerk, clerk, { item: LABOR_C0101 })).decision?.allowed).toBe(true); // cached
    const started = Date.now();
    await fixture.db.query(
      `BEGIN; SELECT set_config('app.city_id', 'taoyuan', true);
       UPDATE permissions.user_grant SET revoked_at = now(), revoked_reason = 'test' WHERE city_id = 'taoyuan' AND account_id = '${clerk.accountId}' AND item_key = '${LABOR_C0101}' AND revoked_at IS NULL;
       COMMIT;`,
    );
    let decision = (await decide(clerk, clerk, { item: LABOR_C0101 })).decision;
    while (decision?.allowed && Date.now() - started < 2_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      decision = (await decide(clerk, clerk, { item: LABOR_C0101 })).decision;
    }
    expect(codes(decision)).toEqual(['GRANT_NOT_HELD']);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
