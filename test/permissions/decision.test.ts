import { createDelegationSigner, type JWK } from '@custos/auth';
import { demoAgencyId, demoUnitId } from '@custos/demo';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gql, login } from '../support/gateway-client';
import { demoUser, ownerQuery, platform, platformSecrets } from '../support/platform';
import { createOfficial } from './officials';

/** Exactly what the query-log subgraph sends (through the gateway, on the official's behalf). */
const DECISION = `query ($item: ID!, $at: DateTimeISO, $purpose: String, $net: String, $pre: Boolean) { me { queryDecision(itemKey: $item, at: $at, purpose: $purpose, networkAddress: $net, preApprovalApproved: $pre) { allowed reasons { code message citation } ruleVersion } } }`;
const ABOUT = `query ($id: ID!, $item: ID!, $pre: Boolean) { account(id: $id) { username queryDecision(itemKey: $item, preApprovalApproved: $pre) { allowed reasons { code } } } }`;

const LABOR_C0101 = 'labor-insurance:C0101:unspecified';
const HEALTH_C0101 = 'health-insurance:C0101:national-id';
const codes = (decision: { reasons: Array<{ code: string }> }) => decision.reasons.map((reason) => reason.code).sort();

describe('the query decision through the gateway', () => {
  it("answers each demo city's caseworker by that city's rules", async () => {
    const taoyuan = await gql(DECISION, { item: LABOR_C0101, purpose: '社會救助資格審核' }, await login(demoUser('taoyuan', 'CASEWORKER')));
    expect(taoyuan.errors).toBeUndefined();
    expect(taoyuan.data.me.queryDecision).toEqual({ allowed: true, reasons: [], ruleVersion: 'taoyuan-labor-insurance-2016' });

    const taipei = await gql(DECISION, { item: LABOR_C0101, net: '10.0.0.1' }, await login(demoUser('taipei', 'CASEWORKER')));
    expect(codes(taipei.data.me.queryDecision)).toEqual(['RULES_NOT_IN_FORCE']);
    expect(taipei.data.me.queryDecision.reasons[0].message).toMatch(/repealed on 2021-01-14/);
    const taipeiIn2020 = await gql(DECISION, { item: LABOR_C0101, at: '2020-06-01T02:00:00Z', net: '8.8.8.8' }, await login(demoUser('taipei', 'CASEWORKER')));
    expect(codes(taipeiIn2020.data.me.queryDecision)).toEqual(['OUTSIDE_OFFICE_NETWORK']);

    const changhuaToken = await login(demoUser('changhua', 'CASEWORKER'));
    expect(codes((await gql(DECISION, { item: LABOR_C0101 }, changhuaToken)).data.me.queryDecision)).toEqual(['PRE_APPROVAL_REQUIRED']);
    expect((await gql(DECISION, { item: LABOR_C0101, pre: true }, changhuaToken)).data.me.queryDecision.allowed).toBe(true);

    const tainan = await gql(DECISION, { item: HEALTH_C0101, pre: true }, await login(demoUser('tainan', 'CASEWORKER')));
    expect(tainan.data.me.queryDecision).toMatchObject({ allowed: true, ruleVersion: 'tainan-health-insurance-2018' });
  });

  it('answers the same when the query log asks on the official’s behalf (delegation)', async () => {
    const user = demoUser('tainan', 'CASEWORKER');
    const me = (await gql('{ me { id person { id } agency { id } roles } }', {}, await login(user))).data.me;
    const secrets = await platformSecrets();
    const delegation = await (await createDelegationSigner(secrets.gatewaySigningKey.privateJwk as JWK)).sign({
      kind: 'account', accountId: me.id, personId: me.person.id, cityId: 'tainan', agencyId: me.agency.id, roles: me.roles,
    });
    const response = await fetch(platform().gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Delegation ${delegation}` },
      body: JSON.stringify({ query: DECISION, variables: { item: HEALTH_C0101 } }),
    });
    const body = (await response.json()) as any;
    expect(codes(body.data.me.queryDecision)).toEqual(['PRE_APPROVAL_REQUIRED']);
  });

  it('lets the top admin ask about an account of the city, not a caseworker, and never across cities', async () => {
    const clerk = demoUser('taoyuan', 'CASEWORKER');
    const clerkToken = await login(clerk);
    const clerkId = (await gql('{ me { id } }', {}, clerkToken)).data.me.id;
    const admin = await gql(ABOUT, { id: clerkId, item: LABOR_C0101 }, await login(demoUser('taoyuan', 'TOP_ADMIN')));
    expect(admin.data.account.queryDecision.allowed).toBe(true);
    const head = await gql(ABOUT, { id: clerkId, item: LABOR_C0101 }, await login(demoUser('taoyuan', 'UNIT_HEAD')));
    expect(head.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const otherCity = await gql(ABOUT, { id: clerkId, item: LABOR_C0101, pre: true }, await login(demoUser('tainan', 'TOP_ADMIN')));
    expect(otherCity.data?.account ?? null).toBeNull();
  });

  it('refuses vendor staff and inactive accounts with the rule cited', async () => {
    const vendor = await createOfficial('taoyuan', 'social', ['CASEWORKER'], { unitKey: 'assistance', vendor: true });
    const result = await gql(DECISION, { item: LABOR_C0101 }, vendor.token);
    expect(codes(result.data.me.queryDecision)).toEqual(['GRANT_NOT_HELD', 'VENDOR_STAFF']);
    const suspended = await createOfficial('taoyuan', 'social', ['CASEWORKER'], { unitKey: 'assistance', status: 'SUSPENDED' });
    expect(codes((await gql(DECISION, { item: LABOR_C0101 }, suspended.token)).data.me.queryDecision)).toEqual(['ACCOUNT_NOT_ACTIVE', 'GRANT_NOT_HELD']);
  });

  it("revoking an agency's grant ends its users' grants, and decisions change within one second", async () => {
    // A district office of its own, so the shared demo grants stay as they are for other tests.
    const cityId = 'taoyuan';
    const agencyId = demoAgencyId(cityId, 'district');
    const user = await createOfficial(cityId, 'district', ['CASEWORKER'], { unitKey: 'assistance' });
    const basisId = randomUUID();
    const businessItemId = randomUUID();
    const agencyGrantId = randomUUID();
    await ownerQuery(`INSERT INTO permissions.legal_basis (id, city_id, kind, category, laws_zh, purpose_zh, effective_from) VALUES ($1, $2, 'law', 'social', '社會救助法', '社會救助', '2016-03-28')`, [basisId, cityId]);
    await ownerQuery(
      `INSERT INTO permissions.business_item (id, city_id, agency_id, unit_ids, legal_basis_id, name_zh, purpose_zh, item_keys, registered_at) VALUES ($1, $2, $3, $4, $5, '低收入戶審核', '社會救助', $6, now())`,
      [businessItemId, cityId, agencyId, [demoUnitId(cityId, 'assistance')], basisId, [LABOR_C0101]],
    );
    await ownerQuery(`INSERT INTO permissions.agency_grant (id, city_id, agency_id, item_key, business_item_id, granted_at) VALUES ($1, $2, $3, $4, $5, now())`, [agencyGrantId, cityId, agencyId, LABOR_C0101, businessItemId]);
    await ownerQuery(
      `INSERT INTO permissions.user_grant (id, city_id, account_id, item_key, granted_at, agency_id, unit_id, business_item_id) VALUES ($1, $2, $3, $4, now(), $5, $6, $7)`,
      [randomUUID(), cityId, user.accountId, LABOR_C0101, agencyId, user.unitId, businessItemId],
    );
    expect((await gql(DECISION, { item: LABOR_C0101 }, user.token)).data.me.queryDecision.allowed).toBe(true);
    expect((await gql(DECISION, { item: LABOR_C0101 }, user.token)).data.me.queryDecision.allowed).toBe(true); // now cached

    const admin = await login(demoUser(cityId, 'TOP_ADMIN'));
    const started = Date.now();
    const revoked = await gql(
      `mutation ($id: ID!) { revokeAgencyGrant(id: $id, reason: "年度檢視：已無需求 (yearly review)") { endedUserGrants grant { revokedAt } } }`,
      { id: agencyGrantId },
      admin,
    );
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data.revokeAgencyGrant.endedUserGrants).toBe(1);
    let decision = (await gql(DECISION, { item: LABOR_C0101 }, user.token)).data.me.queryDecision;
    while (decision.allowed && Date.now() - started < 3_000) decision = (await gql(DECISION, { item: LABOR_C0101 }, user.token)).data.me.queryDecision;
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(codes(decision)).toEqual(['AGENCY_GRANT_NOT_HELD', 'GRANT_NOT_HELD']);

    // Only the top admin revokes agency grants; another city cannot even find the grant.
    const clerkTry = await gql(`mutation ($id: ID!) { revokeAgencyGrant(id: $id, reason: "x") { endedUserGrants } }`, { id: agencyGrantId }, await login(demoUser(cityId, 'CASEWORKER')));
    expect(clerkTry.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const otherCity = await gql(`mutation ($id: ID!) { revokeAgencyGrant(id: $id, reason: "x") { endedUserGrants } }`, { id: agencyGrantId }, await login(demoUser('tainan', 'TOP_ADMIN')));
    expect(otherCity.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
