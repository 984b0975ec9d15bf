import { randomBytes } from 'node:crypto';
import { DEMO_PASSWORD, demoAgencyId, demoUnitId, demoUsers } from '@custos/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPrincipal, startIdentityFixture, testNationalId, type IdentityFixture } from '../testing/identity-fixture';

const CREATE = `mutation ($input: CreateAccountInput!) {
  createAccount(input: $input) { id username roles status statusReason agencyId unitId person { id displayName isVendorStaff nationalIdMasked employmentStatus } }
}`;
const CHANGE = `mutation ($input: ChangeAccountInput!) { changeAccount(input: $input) { id roles agencyId unitId status } }`;
const SUSPEND = `mutation ($input: AccountStatusInput!) { suspendAccount(input: $input) { id status statusReason } }`;
const REACTIVATE = `mutation ($input: AccountStatusInput!) { reactivateAccount(input: $input) { id status } }`;
const REVOKE = `mutation ($input: AccountStatusInput!) { revokeAccount(input: $input) { id status } }`;
const LOGIN = `mutation ($input: PasswordLoginInput!) { loginWithPassword(input: $input) { accessToken } }`;

const accountId = (username: string) => demoUsers.find((user) => user.username === username)!.accountId;
const fingerprint = () => randomBytes(32).toString('hex');
let nextId = 0;

function newPerson(overrides: Record<string, unknown> = {}) {
  return { displayName: '新進人員', nationalId: testNationalId(nextId++), myEGovAccountId: `myegov-${randomBytes(4).toString('hex')}`, certificateFingerprint: fingerprint(), isVendorStaff: false, ...overrides };
}

function createInput(cityId: string, agencyKey: string, overrides: Record<string, unknown> = {}) {
  return { person: newPerson(), agencyId: demoAgencyId(cityId, agencyKey), username: `${cityId}.new${randomBytes(3).toString('hex')}`, roles: ['CASEWORKER'], reason: '附表二 application approved', ...overrides };
}

async function rowCounts() {
  const [row] = (await fixture.db.query(`select (select count(*) from identity.person)::int as people, (select count(*) from identity.account)::int as accounts, (select count(*) from identity.change_record)::int as changes`)).rows;
  return row;
}

let fixture: IdentityFixture;
beforeAll(async () => {
  fixture = await startIdentityFixture({ certificateUsers: [] });
});
afterAll(() => fixture?.stop());

describe('creating accounts', () => {
  it('a top admin opens an account for a new person, keeping only a masked national ID, and records who, when and why', async () => {
    const input = createInput('taoyuan', 'social', { unitId: demoUnitId('taoyuan', 'assistance') });
    const result = await fixture.client.execute(CREATE, { input }, demoPrincipal('taoyuan.admin'));
    expect(result.errors).toBeUndefined();
    const account = result.data.createAccount;
    expect(account).toMatchObject({ status: 'ACTIVE', roles: ['CASEWORKER'], statusReason: '附表二 application approved', person: { displayName: '新進人員', employmentStatus: 'EMPLOYED' } });
    expect(account.person.nationalIdMasked).toMatch(/^[A-Z]\d{3}\*{4}\d{2}$/);
    const [stored] = (await fixture.db.query(`select national_id_hash, national_id_masked from identity.person where id = $1`, [account.person.id])).rows;
    expect(stored.national_id_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify((await fixture.db.query(`select * from identity.person where id = $1`, [account.person.id])).rows)).not.toContain(input.person.nationalId);
    const changes = (await fixture.db.query(`select action, actor_account_id, reason, after from identity.change_record where entity_id = any($1) order by position`, [[account.id, account.person.id]])).rows;
    expect(changes.map((change: { action: string }) => change.action)).toEqual(['PERSON_CREATED', 'ACCOUNT_CREATED']);
    expect(changes[1]).toMatchObject({ actor_account_id: accountId('taoyuan.admin'), reason: '附表二 application approved', after: { username: input.username, roles: ['CASEWORKER'], status: 'ACTIVE' } });
    expect(JSON.stringify(changes)).not.toContain(input.person.nationalId);
  });

  it('an agency admin opens accounts in their own agency, but not in another agency, and the refusal writes nothing', async () => {
    const own = await fixture.client.execute(CREATE, { input: createInput('taoyuan', 'social') }, demoPrincipal('taoyuan.agencyadmin'));
    expect(own.errors).toBeUndefined();
    const before = await rowCounts();
    const other = await fixture.client.execute(CREATE, { input: createInput('taoyuan', 'district') }, demoPrincipal('taoyuan.agencyadmin'));
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'AGENCY_OUT_OF_SCOPE' });
    expect(await rowCounts()).toEqual(before);
  });

  it("where the rules say so (Tainan 4(二)3) an agency admin also manages the agency below, and appoints its admin there but not in their own", async () => {
    const district = await fixture.client.execute(CREATE, { input: createInput('tainan', 'district', { roles: ['AGENCY_ADMIN'] }) }, demoPrincipal('tainan.agencyadmin'));
    expect(district.errors).toBeUndefined();
    const own = await fixture.client.execute(CREATE, { input: createInput('tainan', 'social', { roles: ['AGENCY_ADMIN'] }) }, demoPrincipal('tainan.agencyadmin'));
    expect(own.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ASSIGNABLE' });
    // Taoyuan's rules give agency admins no agency below them.
    const taoyuan = await fixture.client.execute(CREATE, { input: createInput('taoyuan', 'district') }, demoPrincipal('taoyuan.agencyadmin'));
    expect(taoyuan.errors?.[0]?.extensions?.reason).toBe('AGENCY_OUT_OF_SCOPE');
  });

  it("another city's admin cannot act: the agency is unknown to them and the account is not found", async () => {
    const create = await fixture.client.execute(CREATE, { input: createInput('taoyuan', 'social') }, demoPrincipal('tainan.admin'));
    expect(create.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_AGENCY', field: 'agencyId' });
    const suspend = await fixture.client.execute(SUSPEND, { input: { accountId: accountId('taoyuan.auditor'), reason: 'x' } }, demoPrincipal('tainan.admin'));
    expect(suspend.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const [row] = (await fixture.db.query(`select status from identity.account where id = $1`, [accountId('taoyuan.auditor')])).rows;
    expect(row.status).toBe('ACTIVE');
  });

  it('a vendor can never be given a querying role, citing the rule, neither when created nor later', async () => {
    const refused = await fixture.client.execute(CREATE, { input: createInput('taipei', 'social', { person: newPerson({ isVendorStaff: true }) }) }, demoPrincipal('taipei.admin'));
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'VENDOR_CANNOT_QUERY', field: 'roles', citation: 'Taipei 5(五)' });
    expect(refused.errors?.[0]?.message).toMatch(/Taipei 5\(五\)/);
    const itOfficer = await fixture.client.execute(CREATE, { input: createInput('taipei', 'social', { person: newPerson({ isVendorStaff: true }), roles: ['IT_OFFICER'] }) }, demoPrincipal('taipei.admin'));
    expect(itOfficer.errors).toBeUndefined();
    const change = await fixture.client.execute(CHANGE, { input: { accountId: itOfficer.data.createAccount.id, roles: ['IT_OFFICER', 'CASEWORKER'], reason: 'more work' } }, demoPrincipal('taipei.admin'));
    expect(change.errors?.[0]?.extensions?.code).toBe('VENDOR_CANNOT_QUERY');
  });

  it('refuses bad input with the field and the reason, writing nothing', async () => {
    const before = await rowCounts();
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ person: newPerson({ nationalId: 'A123456788' }) }, 'INVALID_NATIONAL_ID', 'person.nationalId'],
      [{ person: newPerson({ nationalId: 'AB12345678' }) }, 'INVALID_NATIONAL_ID', 'person.nationalId'],
      [{ person: newPerson({ certificateFingerprint: null }) }, 'PREREQUISITE_MISSING', 'person.certificateFingerprint'],
      [{ person: newPerson({ certificateFingerprint: 'abc' }) }, 'INVALID_CERTIFICATE_FINGERPRINT', 'person.certificateFingerprint'],
      [{ username: 'Bad Name!' }, 'INVALID_USERNAME', 'username'],
      [{ username: 'taoyuan.clerk' }, 'USERNAME_TAKEN', 'username'],
      [{ reason: '  ' }, 'REASON_REQUIRED', 'reason'],
      [{ roles: [] }, 'ROLES_REQUIRED', 'roles'],
      [{ unitId: demoUnitId('tainan', 'assistance') }, 'UNIT_NOT_IN_AGENCY', 'unitId'],
      [{ personId: accountId('taoyuan.clerk') }, 'PERSON_REQUIRED', 'personId'],
    ];
    for (const [overrides, code, field] of cases) {
      const result = await fixture.client.execute(CREATE, { input: createInput('taoyuan', 'social', overrides) }, demoPrincipal('taoyuan.admin'));
      expect(result.errors?.[0]?.extensions, `${code} ${JSON.stringify(overrides)}`).toMatchObject({ code, field });
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a second registration of the same person', async () => {
    const person = newPerson();
    const first = await fixture.client.execute(CREATE, { input: createInput('changhua', 'social', { person }) }, demoPrincipal('changhua.admin'));
    expect(first.errors).toBeUndefined();
    const again = await fixture.client.execute(CREATE, { input: createInput('changhua', 'social', { person: { ...person, certificateFingerprint: fingerprint() } }) }, demoPrincipal('changhua.admin'));
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'DUPLICATE_PERSON', field: 'person.nationalId' });
    // The same national ID in another city is another tenant's business: allowed, and hashed with that city's key.
    const elsewhere = await fixture.client.execute(CREATE, { input: createInput('tainan', 'social', { person: { ...person, certificateFingerprint: fingerprint() } }) }, demoPrincipal('tainan.admin'));
    expect(elsewhere.errors).toBeUndefined();
    const hashes = (await fixture.db.query(`select distinct national_id_hash from identity.person where national_id_masked = $1`, [first.data.createAccount.person.nationalIdMasked])).rows;
    expect(hashes).toHaveLength(2);
  });

  it('only admins assign roles: a caseworker cannot create, an agency admin cannot make a top admin, nobody makes a bureau officer', async () => {
    const clerk = await fixture.client.execute(CREATE, { input: createInput('taoyuan', 'social') }, demoPrincipal('taoyuan.clerk'));
    expect(clerk.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const top = await fixture.client.execute(CREATE, { input: createInput('taoyuan', 'social', { roles: ['TOP_ADMIN'] }) }, demoPrincipal('taoyuan.agencyadmin'));
    expect(top.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ASSIGNABLE', roles: ['TOP_ADMIN'] });
    const bureau = await fixture.client.execute(CREATE, { input: createInput('taoyuan', 'governing', { roles: ['BUREAU_OFFICER'] }) }, demoPrincipal('taoyuan.admin'));
    expect(bureau.errors?.[0]?.extensions?.reason).toBe('ROLE_NOT_ASSIGNABLE');
  });
});

describe('changing accounts', () => {
  it('changes roles and unit, and moves an account to another agency, which clears its unit', async () => {
    const created = (await fixture.client.execute(CREATE, { input: createInput('taoyuan', 'social', { unitId: demoUnitId('taoyuan', 'assistance') }) }, demoPrincipal('taoyuan.admin'))).data.createAccount;
    const roles = await fixture.client.execute(CHANGE, { input: { accountId: created.id, roles: ['CASEWORKER', 'UNIT_ADMIN'], reason: '附表二 change' } }, demoPrincipal('taoyuan.agencyadmin'));
    expect(roles.data.changeAccount).toMatchObject({ roles: ['CASEWORKER', 'UNIT_ADMIN'], unitId: demoUnitId('taoyuan', 'assistance') });
    const moved = await fixture.client.execute(CHANGE, { input: { accountId: created.id, agencyId: demoAgencyId('taoyuan', 'district'), reason: 'moved to the district office' } }, demoPrincipal('taoyuan.admin'));
    expect(moved.data.changeAccount).toMatchObject({ agencyId: demoAgencyId('taoyuan', 'district'), unitId: null });
    const [change] = (await fixture.db.query(`select before->>'agencyId' as before, after->>'agencyId' as after from identity.change_record where entity_id = $1 and action = 'ACCOUNT_CHANGED' order by position desc limit 1`, [created.id])).rows;
    expect(change).toEqual({ before: demoAgencyId('taoyuan', 'social'), after: demoAgencyId('taoyuan', 'district') });
    // Now outside the agency admin's agency.
    const outside = await fixture.client.execute(CHANGE, { input: { accountId: created.id, roles: ['CASEWORKER'], reason: 'x' } }, demoPrincipal('taoyuan.agencyadmin'));
    expect(outside.errors?.[0]?.extensions?.reason).toBe('AGENCY_OUT_OF_SCOPE');
  });

  it('nobody changes or approves their own account, nor one of their own person', async () => {
    const self = await fixture.client.execute(CHANGE, { input: { accountId: accountId('taoyuan.admin'), roles: ['TOP_ADMIN', 'AUDITOR'], reason: 'x' } }, demoPrincipal('taoyuan.admin'));
    expect(self.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SELF_CHANGE' });
    const reactivateSelf = await fixture.client.execute(REACTIVATE, { input: { accountId: accountId('taoyuan.agencyadmin'), reason: 'x' } }, demoPrincipal('taoyuan.agencyadmin'));
    expect(reactivateSelf.errors?.[0]?.extensions?.reason).toBe('SELF_CHANGE');
    const secondAccount = await fixture.client.execute(
      CREATE,
      { input: { ...createInput('taoyuan', 'social'), person: undefined, personId: demoUsers.find((u) => u.username === 'taoyuan.agencyadmin')!.personId } },
      demoPrincipal('taoyuan.agencyadmin'),
    );
    expect(secondAccount.errors?.[0]?.extensions?.reason).toBe('SELF_CHANGE');
  });

  it('an agency admin cannot suspend the top admin, nor a fellow agency admin', async () => {
    const top = await fixture.client.execute(SUSPEND, { input: { accountId: accountId('taoyuan.admin'), reason: 'x' } }, demoPrincipal('taoyuan.agencyadmin'));
    expect(top.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const peer = (await fixture.client.execute(CREATE, { input: createInput('taoyuan', 'social', { roles: ['AGENCY_ADMIN'] }) }, demoPrincipal('taoyuan.admin'))).data.createAccount;
    const refused = await fixture.client.execute(SUSPEND, { input: { accountId: peer.id, reason: 'x' } }, demoPrincipal('taoyuan.agencyadmin'));
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ASSIGNABLE' });
  });
});

describe('suspending, reactivating and revoking', () => {
  const login = () => fixture.client.execute(LOGIN, { input: { cityId: 'taoyuan', username: 'taoyuan.clerk', password: DEMO_PASSWORD } });

  it('a suspended account cannot log in until reactivated; a revoked one never again', async () => {
    const suspended = await fixture.client.execute(SUSPEND, { input: { accountId: accountId('taoyuan.clerk'), reason: 'on leave' } }, demoPrincipal('taoyuan.agencyadmin'));
    expect(suspended.data.suspendAccount).toMatchObject({ status: 'SUSPENDED', statusReason: 'on leave' });
    expect((await login()).errors?.[0]?.extensions?.code).toBe('ACCOUNT_NOT_ACTIVE');
    const again = await fixture.client.execute(SUSPEND, { input: { accountId: accountId('taoyuan.clerk'), reason: 'twice' } }, demoPrincipal('taoyuan.agencyadmin'));
    expect(again.errors?.[0]?.extensions?.code).toBe('INVALID_STATUS_CHANGE');

    await fixture.client.execute(REACTIVATE, { input: { accountId: accountId('taoyuan.clerk'), reason: 'back' } }, demoPrincipal('taoyuan.agencyadmin'));
    expect((await login()).errors).toBeUndefined();

    const revoked = await fixture.client.execute(REVOKE, { input: { accountId: accountId('taoyuan.clerk'), reason: '註銷: left the unit' } }, demoPrincipal('taoyuan.admin'));
    expect(revoked.data.revokeAccount.status).toBe('REVOKED');
    expect((await login()).errors?.[0]?.extensions?.code).toBe('ACCOUNT_NOT_ACTIVE');
    const reactivate = await fixture.client.execute(REACTIVATE, { input: { accountId: accountId('taoyuan.clerk'), reason: 'oops' } }, demoPrincipal('taoyuan.admin'));
    expect(reactivate.errors?.[0]?.extensions?.code).toBe('INVALID_STATUS_CHANGE');
    const change = await fixture.client.execute(CHANGE, { input: { accountId: accountId('taoyuan.clerk'), roles: ['AUDITOR'], reason: 'x' } }, demoPrincipal('taoyuan.admin'));
    expect(change.errors?.[0]?.extensions?.code).toBe('ACCOUNT_REVOKED');

    const actions = (await fixture.db.query(`select action, reason from identity.change_record where entity_id = $1 order by position`, [accountId('taoyuan.clerk')])).rows;
    expect(actions).toEqual([
      { action: 'ACCOUNT_SUSPENDED', reason: 'on leave' },
      { action: 'ACCOUNT_REACTIVATED', reason: 'back' },
      { action: 'ACCOUNT_REVOKED', reason: '註銷: left the unit' },
    ]);
  });
});
