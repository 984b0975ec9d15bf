import { demoAgencyId, demoUnitId } from '@custos/demo';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPermissionsDemo } from '../seed/demo-seed';
import { makeOfficial, principalOf, startPermissionsFixture, type Official, type PermissionsFixture } from '../testing/permissions-fixture';

const LABOR_C0101 = 'labor-insurance:C0101:unspecified';
const LABOR_C0201 = 'labor-insurance:C0201:unspecified';
const DECIDE = `query ($reps: [_Any!]!, $item: ID!) { _entities(representations: $reps) { ... on Account { queryDecision(itemKey: $item) { allowed reasons { code message } } } } }`;
const MATRIX = `query ($agencyId: ID!, $first: Int!, $after: String) {
  grantsMatrix(agencyId: $agencyId, first: $first, after: $after) { agencyId items { key } rows { account { id } itemKeys } pageInfo { endCursor hasNextPage } totalCount }
}`;
const AGENCY_GRANTS = `query ($agencyId: ID!, $all: Boolean) { agencyGrants(agencyId: $agencyId, includeRevoked: $all) { totalCount nodes { id itemKey revokedAt businessItem { name legalBasis { laws category } items { key } } } } }`;

let fixture: PermissionsFixture;
let districtAdmin: Official;

beforeAll(async () => {
  districtAdmin = makeOfficial('taoyuan', 'district', ['AGENCY_ADMIN']);
  fixture = await startPermissionsFixture({ extraOfficials: [districtAdmin] });
});
afterAll(() => fixture?.stop());

const as = (username: string) => principalOf(fixture.official(username));

/** A business item, agency grants and user grants in the district office, written as the owner. */
async function districtWithUsers(count: number, items: string[], agencyId = demoAgencyId('taoyuan', 'district')) {
  const cityId = 'taoyuan';
  const unitId = demoUnitId(cityId, 'assistance');
  const basisId = randomUUID();
  const businessItemId = randomUUID();
  const accounts = Array.from({ length: count }, () => randomUUID());
  const grantIds: string[] = [];
  await fixture.db.query(`INSERT INTO permissions.legal_basis (id, city_id, kind, category, laws_zh, purpose_zh, effective_from) VALUES ($1, $2, 'law', 'social', '社會救助法', '社會救助', '2016-03-28')`, [basisId, cityId]);
  await fixture.db.query(
    `INSERT INTO permissions.business_item (id, city_id, agency_id, unit_ids, legal_basis_id, name_zh, purpose_zh, item_keys, registered_at) VALUES ($1, $2, $3, $4, $5, '急難救助', '社會救助', $6, '2024-01-01')`,
    [businessItemId, cityId, agencyId, [unitId], basisId, items],
  );
  for (const item of items) {
    const id = randomUUID();
    grantIds.push(id);
    await fixture.db.query(`INSERT INTO permissions.agency_grant (id, city_id, agency_id, item_key, business_item_id, granted_at) VALUES ($1, $2, $3, $4, $5, '2024-01-01')`, [id, cityId, agencyId, item, businessItemId]);
    for (const accountId of accounts) {
      await fixture.db.query(
        `INSERT INTO permissions.user_grant (id, city_id, account_id, item_key, granted_at, agency_id, unit_id, business_item_id) VALUES ($1, $2, $3, $4, '2024-01-02', $5, $6, $7)`,
        [randomUUID(), cityId, accountId, item, agencyId, unitId, businessItemId],
      );
    }
  }
  return { agencyId, unitId, basisId, businessItemId, accounts, grantIds };
}

describe('agency grants and the grants matrix', () => {
  it("lists an agency's items with their business item and legal basis, for its own officials and the city's admins", async () => {
    const agencyId = demoAgencyId('taoyuan', 'social');
    const own = await fixture.client.execute(AGENCY_GRANTS, { agencyId }, as('taoyuan.clerk'));
    expect(own.errors).toBeUndefined();
    expect(own.data.agencyGrants.totalCount).toBe(3);
    expect(own.data.agencyGrants.nodes[0].businessItem).toMatchObject({ name: '社會救助資格審核', legalBasis: { laws: '社會救助法', category: 'social' } });
    expect((await fixture.client.execute(AGENCY_GRANTS, { agencyId }, as('taoyuan.admin'))).data.agencyGrants.totalCount).toBe(3);
    const stranger = await fixture.client.execute(AGENCY_GRANTS, { agencyId }, principalOf(makeOfficial('taoyuan', 'district', ['CASEWORKER'])));
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const otherCity = await fixture.client.execute(AGENCY_GRANTS, { agencyId }, as('tainan.admin'));
    expect(otherCity.data.agencyGrants.totalCount).toBe(0);
  });

  it('shows the matrix of accounts × items page by page, to admins only', async () => {
    const district = await districtWithUsers(5, [LABOR_C0101, LABOR_C0201]);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const result: any = await fixture.client.execute(MATRIX, { agencyId: district.agencyId, first: 2, after }, principalOf(districtAdmin));
      expect(result.errors).toBeUndefined();
      expect(result.data.grantsMatrix.items.map((item: { key: string }) => item.key)).toEqual([LABOR_C0101, LABOR_C0201]);
      expect(result.data.grantsMatrix.totalCount).toBe(5);
      for (const row of result.data.grantsMatrix.rows) {
        expect(row.itemKeys).toEqual([LABOR_C0101, LABOR_C0201]);
        seen.push(row.account.id);
      }
      if (!result.data.grantsMatrix.pageInfo.hasNextPage) break;
      after = result.data.grantsMatrix.pageInfo.endCursor;
    }
    expect([...seen].sort()).toEqual([...district.accounts].sort());
    const clerk = await fixture.client.execute(MATRIX, { agencyId: district.agencyId, first: 10 }, as('taoyuan.clerk'));
    expect(clerk.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const badCursor = await fixture.client.execute(MATRIX, { agencyId: district.agencyId, first: 10, after: 'nope' }, principalOf(districtAdmin));
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_CURSOR', field: 'after' });
    const tooMany = await fixture.client.execute(MATRIX, { agencyId: district.agencyId, first: 1000 }, principalOf(districtAdmin));
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_PAGE_SIZE', field: 'first' });
  });

  it("revoking an agency grant ends its users' grants in the same transaction; only the top admin may", async () => {
    const district = await districtWithUsers(3, [LABOR_C0101, LABOR_C0201]);
    const [c0101] = district.grantIds;
    const REVOKE = `mutation ($id: ID!, $reason: String!) { revokeAgencyGrant(id: $id, reason: $reason) { endedUserGrants grant { id revokedAt revokedReason } } }`;
    const refused = await fixture.client.execute(REVOKE, { id: c0101, reason: 'x' }, principalOf(districtAdmin));
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const empty = await fixture.client.execute(REVOKE, { id: c0101, reason: '  ' }, as('taoyuan.admin'));
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'REASON_REQUIRED', field: 'reason' });
    const result = await fixture.client.execute(REVOKE, { id: c0101, reason: '年度檢視已無需求 (Tainan 2 style review)' }, as('taoyuan.admin'));
    expect(result.errors).toBeUndefined();
    expect(result.data.revokeAgencyGrant.endedUserGrants).toBe(3);
    const { rows } = await fixture.db.query(`SELECT item_key, count(*) FILTER (WHERE revoked_at IS NULL)::int AS open FROM permissions.user_grant WHERE account_id = ANY($1) GROUP BY item_key ORDER BY item_key`, [district.accounts]);
    expect(rows).toEqual([{ item_key: LABOR_C0101, open: 0 }, { item_key: LABOR_C0201, open: 3 }]);
    const again = await fixture.client.execute(REVOKE, { id: c0101, reason: 'again' }, as('taoyuan.admin'));
    expect(again.errors?.[0]?.extensions?.code).toBe('ALREADY_REVOKED');
    const otherCity = await fixture.client.execute(REVOKE, { id: district.grantIds[1], reason: 'x' }, as('tainan.admin'));
    expect(otherCity.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("the agency's admin ends a user's grant, not another agency's admin", async () => {
    const district = await districtWithUsers(1, [LABOR_C0101]);
    const { rows } = await fixture.db.query(`SELECT id FROM permissions.user_grant WHERE account_id = $1`, [district.accounts[0]]);
    const REVOKE = `mutation ($id: ID!) { revokeUserGrant(id: $id, reason: "職務異動 (Taipei 5(四))") { id revokedAt revokedReason } }`;
    const wrong = await fixture.client.execute(REVOKE, { id: rows[0].id }, as('taoyuan.agencyadmin'));
    expect(wrong.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const right = await fixture.client.execute(REVOKE, { id: rows[0].id }, principalOf(districtAdmin));
    expect(right.data.revokeUserGrant.revokedReason).toMatch(/職務異動/);
  });
});

describe('the demo seed', () => {
  it('is idempotent, and ties every demo caseworker grant to its agency, unit and business item', async () => {
    const counts = async () =>
      (await fixture.db.query(`SELECT (SELECT count(*) FROM permissions.legal_basis)::int AS bases, (SELECT count(*) FROM permissions.business_item)::int AS items,
        (SELECT count(*) FROM permissions.agency_grant)::int AS agency, (SELECT count(*) FROM permissions.user_grant)::int AS users, (SELECT count(*) FROM permissions.agency_network)::int AS networks`)).rows[0];
    const before = await counts();
    await seedPermissionsDemo(fixture.db.ownerUrl);
    expect(await counts()).toEqual(before);
    const untied = await fixture.db.query(`SELECT count(*)::int AS n FROM permissions.user_grant g WHERE g.application_id IS NULL AND g.granted_at = '2020-01-02' AND (g.agency_id IS NULL OR g.business_item_id IS NULL)`);
    expect(untied.rows[0].n).toBe(0);
  });
});

describe('legal bases, the register and office networks', () => {
  it("lists Tainan 2's legal bases by category, cited, and the register", async () => {
    const bases = await fixture.client.execute(`{ legalBases { category laws citation } }`, {}, as('tainan.clerk'));
    expect(bases.data.legalBases.length).toBe(12);
    expect(new Set(bases.data.legalBases.map((basis: { category: string }) => basis.category))).toEqual(new Set(['social', 'police', 'traffic', 'health', 'other']));
    expect(bases.data.legalBases.every((basis: { citation: string }) => /^Tainan 2/.test(basis.citation))).toBe(true);
    const register = await fixture.client.execute(`{ businessItems { totalCount nodes { name agency { id } items { key } legalBasis { citation } } } }`, {}, as('tainan.clerk'));
    expect(register.data.businessItems.nodes).toEqual([
      expect.objectContaining({ name: '社會救助資格審核', agency: { id: demoAgencyId('tainan', 'social') }, legalBasis: { citation: 'Tainan 2(一)3' } }),
    ]);
  });

  it('a repealed legal basis ends what agencies hold under it, from that day', async () => {
    // An agency of its own: no other grant of the item may hide the repeal.
    const district = await districtWithUsers(1, [LABOR_C0101], randomUUID());
    const account = { __typename: 'Account', id: district.accounts[0], status: 'ACTIVE', isVendorStaff: false, agencyId: district.agencyId, unitId: district.unitId };
    const admin = as('taoyuan.admin');
    expect((await fixture.client.execute(DECIDE, { reps: [account], item: LABOR_C0101 }, admin)).data._entities[0].queryDecision.allowed).toBe(true);
    const REPEAL = `mutation ($id: ID!, $on: String!) { repealLegalBasis(id: $id, on: $on) { repealedOn } }`;
    expect((await fixture.client.execute(REPEAL, { id: district.basisId, on: '2025-13-01' }, admin)).errors?.[0]?.extensions?.code).toBe('INVALID_DATE');
    expect((await fixture.client.execute(REPEAL, { id: district.basisId, on: '2025-01-01' }, as('taoyuan.agencyadmin'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const repealed = await fixture.client.execute(REPEAL, { id: district.basisId, on: '2025-01-01' }, admin);
    expect(repealed.data.repealLegalBasis.repealedOn).toBe('2025-01-01');
    // The change notification reaches the decision cache within moments (asserted under 1 s in the decision tests).
    const started = Date.now();
    let after = await fixture.client.execute(DECIDE, { reps: [account], item: LABOR_C0101 }, admin);
    while (after.data._entities[0].queryDecision.allowed && Date.now() - started < 1_000) after = await fixture.client.execute(DECIDE, { reps: [account], item: LABOR_C0101 }, admin);
    expect(after.data._entities[0].queryDecision.reasons).toEqual([expect.objectContaining({ code: 'AGENCY_GRANT_NOT_HELD', message: expect.stringMatching(/repealed/) })]);
  });

  it("configures an agency's office networks: its admin may, bad networks are refused, others may not", async () => {
    const agencyId = demoAgencyId('taoyuan', 'social');
    const ADD = `mutation ($agencyId: ID!, $network: String!, $label: String!) { addAgencyNetwork(agencyId: $agencyId, network: $network, label: $label) { id network label } }`;
    const added = await fixture.client.execute(ADD, { agencyId, network: '172.16.0.0/12', label: '社會局 2F' }, as('taoyuan.agencyadmin'));
    expect(added.data.addAgencyNetwork).toMatchObject({ network: '172.16.0.0/12', label: '社會局 2F' });
    expect((await fixture.client.execute(ADD, { agencyId, network: '172.16.0.1/12', label: 'x' }, as('taoyuan.agencyadmin'))).errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_NETWORK', field: 'network' });
    expect((await fixture.client.execute(ADD, { agencyId, network: 'office', label: 'x' }, as('taoyuan.agencyadmin'))).errors?.[0]?.extensions?.code).toBe('INVALID_NETWORK');
    expect((await fixture.client.execute(ADD, { agencyId, network: '2001:db8::/32', label: 'v6' }, as('taoyuan.admin'))).data.addAgencyNetwork.network).toBe('2001:db8::/32');
    expect((await fixture.client.execute(ADD, { agencyId, network: '10.9.0.0/16', label: 'x' }, principalOf(districtAdmin))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const list = await fixture.client.execute(`query ($agencyId: ID!) { agencyNetworks(agencyId: $agencyId) { network } }`, { agencyId }, as('taoyuan.clerk'));
    expect(list.data.agencyNetworks.map((n: { network: string }) => n.network)).toEqual(['10.0.0.0/8', '192.168.0.0/16', '172.16.0.0/12', '2001:db8::/32']);
    const removed = await fixture.client.execute(`mutation ($id: ID!) { removeAgencyNetwork(id: $id) { removedAt } }`, { id: added.data.addAgencyNetwork.id }, as('taoyuan.agencyadmin'));
    expect(removed.data.removeAgencyNetwork.removedAt).toBeTruthy();
  });
});
