import { demoAgencyId, demoUnitId } from '@custos/demo';
import { beforeAll, describe, expect, it } from 'vitest';
import { gql, login } from '../support/gateway-client';
import { demoUser, ownerQuery } from '../support/platform';
import { createOfficial, type TestOfficial } from './officials';

/**
 * The forms as workflows through the gateway, for each demo city: every application kind runs its
 * full chain, and each refusal the rules call for is tested. Officials the demo organisation lacks
 * (agency heads, reviewing officers, district-office staff, newcomers, a vendor) are added to
 * identity here.
 */
const FIELDS = `id kind operation status form { number title } steps { role action state } timeline { event role actor { username } comment }`;
const SUBMIT = `mutation ($input: ApplicationInput!) { submitApplication(input: $input) { ${FIELDS} } }`;
const STEP = `mutation ($id: ID!, $decision: StepDecision!, $comment: String) { decideApplicationStep(id: $id, decision: $decision, comment: $comment) { ${FIELDS} } }`;
const DECISION = `query ($item: ID!, $pre: Boolean) { me { queryDecision(itemKey: $item, preApprovalApproved: $pre) { allowed reasons { code } } } }`;

const C0302 = 'labor-insurance:C0302:national-id';
const F0201 = 'labor-insurance:F0201:unspecified';
const P0401 = 'labor-insurance:P0401:unspecified';
const HEALTH_C0101 = 'health-insurance:C0101:national-id';
const HEALTH_HX05 = 'health-insurance:HX05:unspecified';

type Token = string;
const tokens: Record<string, Token> = {};
const officials: Record<string, TestOfficial> = {};

async function demoToken(cityId: string, role: string): Promise<Token> {
  const key = `${cityId}.${role}`;
  tokens[key] ??= await login(demoUser(cityId, role));
  return tokens[key]!;
}

const code = (result: { errors?: Array<{ extensions?: { code?: string } }> }) => result.errors?.[0]?.extensions?.code;

async function submit(token: Token, input: Record<string, unknown>) {
  return gql(SUBMIT, { input: { reason: '業務需要 (business need)', ...input } }, token);
}

/** Files and walks every step with the given actors' tokens, asserting each passes. */
async function runChain(applicant: Token, input: Record<string, unknown>, actors: Token[]) {
  const submitted = await submit(applicant, input);
  expect(submitted.errors, JSON.stringify(submitted.errors)).toBeUndefined();
  const { id } = submitted.data.submitApplication;
  let application = submitted.data.submitApplication;
  expect(application.steps).toHaveLength(actors.length);
  for (const [index, actor] of actors.entries()) {
    const result = await gql(STEP, { id, decision: 'APPROVE', comment: `第 ${index + 1} 關 同意` }, actor);
    expect(result.errors, `step ${index}: ${JSON.stringify(result.errors)}`).toBeUndefined();
    application = result.data.decideApplicationStep;
  }
  expect(application.status).toBe('APPROVED');
  return application;
}

async function eventually(check: () => Promise<boolean>): Promise<void> {
  const started = Date.now();
  while (!(await check()) && Date.now() - started < 1_000) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(await check()).toBe(true);
}

beforeAll(async () => {
  for (const cityId of ['taoyuan', 'changhua', 'tainan']) {
    officials[`${cityId}.agencyhead`] = await createOfficial(cityId, 'social', ['AGENCY_HEAD']);
    officials[`${cityId}.reviewer`] = await createOfficial(cityId, 'reviewing', ['REVIEWING_OFFICER']);
    officials[`${cityId}.newcomer`] = await createOfficial(cityId, 'social', ['UNIT_ADMIN'], { unitKey: 'assistance' });
  }
  officials['taoyuan.socialreviewer'] = await createOfficial('taoyuan', 'social', ['REVIEWING_OFFICER']);
  officials['taoyuan.districtclerk'] = await createOfficial('taoyuan', 'district', ['CASEWORKER']);
  officials['taoyuan.districthead'] = await createOfficial('taoyuan', 'district', ['UNIT_HEAD', 'AGENCY_HEAD']);
  officials['taoyuan.vendor'] = await createOfficial('taoyuan', 'social', ['UNIT_ADMIN'], { unitKey: 'assistance', vendor: true });
  officials['changhua.successor'] = await createOfficial('changhua', 'governing', ['AUDITOR']);
  // The admin the successor replaces: not the demo admin, whose account the handover revokes (other test files use it).
  officials['changhua.formeradmin'] = await createOfficial('changhua', 'governing', ['TOP_ADMIN']);
  officials['taipei.newcomer'] = await createOfficial('taipei', 'social', ['UNIT_ADMIN'], { unitKey: 'assistance' });
});

const token = (name: string) => officials[name]!.token;

describe('Taoyuan through the gateway', () => {
  it('附表三 → 附表二: the agency gains an item through the bureau, then a caseworker gets it and may query it', async () => {
    const [agencyadmin, head, admin] = [await demoToken('taoyuan', 'AGENCY_ADMIN'), await demoToken('taoyuan', 'UNIT_HEAD'), await demoToken('taoyuan', 'TOP_ADMIN')];
    const agencyItems = await runChain(
      agencyadmin,
      {
        kind: 'agency-items',
        operation: 'add',
        itemsToAdd: [C0302],
        businessItem: { name: '身心障礙者保費補助', purpose: '保險費補助資格審查', unitIds: [demoUnitId('taoyuan', 'assistance')], legalBasis: { kind: 'law', category: 'social', laws: '身心障礙者權益保障法', purpose: '保險費補助' } },
      },
      [head, token('taoyuan.agencyhead'), token('taoyuan.reviewer'), admin, admin, admin],
    );
    expect(agencyItems.form).toEqual({ number: '附表三', title: '勞保局資訊中介服務查調項目增減表' });
    expect(agencyItems.timeline[0]).toMatchObject({ event: 'SUBMITTED', actor: { username: 'taoyuan.agencyadmin' } });

    const clerk = await demoToken('taoyuan', 'CASEWORKER');
    expect((await gql(DECISION, { item: C0302 }, clerk)).data.me.queryDecision.allowed).toBe(false);
    const userForm = await runChain(clerk, { kind: 'user-account', operation: 'change', itemsToAdd: [C0302] }, [head, token('taoyuan.agencyhead'), agencyadmin]);
    expect(userForm.form.number).toBe('附表二');
    await eventually(async () => (await gql(DECISION, { item: C0302 }, clerk)).data.me.queryDecision.allowed);
  });

  it('附表二 new: a newcomer gets a querying account; identity is asked (through the outbox) to give the role', async () => {
    const newcomer = officials['taoyuan.newcomer']!;
    const application = await runChain(newcomer.token, { kind: 'user-account', operation: 'new', itemsToAdd: ['labor-insurance:C0101:unspecified'] }, [
      await demoToken('taoyuan', 'UNIT_HEAD'),
      token('taoyuan.agencyhead'),
      await demoToken('taoyuan', 'AGENCY_ADMIN'),
    ]);
    const events = await ownerQuery(`SELECT topic, payload FROM permissions.outbox_event WHERE payload->>'applicationId' = $1`, [application.id]);
    expect(events).toEqual([{ topic: 'identity.account-role.grant', payload: expect.objectContaining({ accountId: newcomer.accountId, role: 'CASEWORKER' }) }]);
  });

  it('附表一 for a district office: the commissioning agency consents first and reviews it; the top admin sets it up', async () => {
    const application = await runChain(token('taoyuan.districtclerk'), { kind: 'agency-admin-account', operation: 'new' }, [
      token('taoyuan.agencyhead'),
      token('taoyuan.districthead'),
      token('taoyuan.districthead'),
      token('taoyuan.socialreviewer'),
      await demoToken('taoyuan', 'TOP_ADMIN'),
    ]);
    expect(application.steps[0]).toMatchObject({ role: 'AGENCY_HEAD', action: 'consent', state: 'DONE' });
  });

  it('refuses: wrong approver, self-approval, missing consent, another city’s officer, an item the agency does not hold, a vendor', async () => {
    const clerk = await demoToken('taoyuan', 'CASEWORKER');
    const pending = await submit(clerk, { kind: 'user-account', operation: 'change', itemsToRemove: [C0302] });
    const id = pending.data.submitApplication.id;
    expect(code(await gql(STEP, { id, decision: 'APPROVE' }, await demoToken('taoyuan', 'AUDITOR')))).toBe('WRONG_APPROVER');
    expect(code(await gql(STEP, { id, decision: 'APPROVE' }, clerk))).toBe('SELF_APPROVAL');
    expect(code(await gql(STEP, { id, decision: 'APPROVE' }, await demoToken('tainan', 'UNIT_HEAD')))).toBe('NOT_FOUND');
    const rejected = await gql(STEP, { id, decision: 'REJECT', comment: '仍需此項目' }, await demoToken('taoyuan', 'UNIT_HEAD'));
    expect(rejected.data.decideApplicationStep.status).toBe('REJECTED');

    const district = await submit(token('taoyuan.districtclerk'), { kind: 'agency-admin-account', operation: 'new' });
    expect(code(await gql(STEP, { id: district.data.submitApplication.id, decision: 'APPROVE' }, token('taoyuan.districthead')))).toBe('COMMISSIONING_CONSENT_REQUIRED');

    const notHeld = await submit(clerk, { kind: 'user-account', operation: 'change', itemsToAdd: [P0401] });
    expect(code(notHeld)).toBe('AGENCY_GRANT_NOT_HELD');
    const vendor = await submit(token('taoyuan.vendor'), { kind: 'user-account', operation: 'new', itemsToAdd: ['labor-insurance:C0101:unspecified'] });
    expect(code(vendor)).toBe('VENDOR_STAFF');
  });
});

describe('Tainan through the gateway', () => {
  it('附表一 (link with a Tainan 2 basis), 附表二 (new user) and 附表一 (agency admin) each run to the end, with the acknowledgement', async () => {
    const [agencyadmin, head, admin] = [await demoToken('tainan', 'AGENCY_ADMIN'), await demoToken('tainan', 'UNIT_HEAD'), await demoToken('tainan', 'TOP_ADMIN')];
    const bases = (await gql(`{ legalBases { id citation } }`, {}, agencyadmin)).data.legalBases;
    const traffic = bases.find((basis: { citation: string }) => basis.citation === 'Tainan 2(三)').id;
    const link = { kind: 'agency-items', operation: 'add', itemsToAdd: [HEALTH_HX05], businessItem: { name: '交通罰鍰移送', purpose: '移送強制執行', unitIds: [demoUnitId('tainan', 'assistance')], legalBasisId: traffic } };
    const withoutTick = await submit(agencyadmin, link);
    expect(withoutTick.errors?.[0]?.extensions).toMatchObject({ code: 'ACKNOWLEDGEMENT_REQUIRED', field: 'personalDataAcknowledged' });
    await runChain(agencyadmin, { ...link, personalDataAcknowledged: true }, [head, token('tainan.agencyhead'), admin]);

    const newcomer = officials['tainan.newcomer']!;
    await runChain(newcomer.token, { kind: 'user-account', operation: 'new', itemsToAdd: [HEALTH_C0101, HEALTH_HX05], personalDataAcknowledged: true }, [head, token('tainan.agencyhead'), agencyadmin]);
    await eventually(async () => (await gql(DECISION, { item: HEALTH_HX05, pre: true }, newcomer.token)).data.me.queryDecision.allowed);

    const adminForm = await runChain(newcomer.token, { kind: 'agency-admin-account', operation: 'new', personalDataAcknowledged: true }, [head, token('tainan.agencyhead'), admin]);
    expect(adminForm.form.number).toBe('附表一');
  });
});

describe('Changhua through the gateway', () => {
  it('業務項目清冊, 附表三 and 附表二 (admin change) each run to the end', async () => {
    const [head, admin, clerk] = [await demoToken('changhua', 'UNIT_HEAD'), await demoToken('changhua', 'TOP_ADMIN'), await demoToken('changhua', 'CASEWORKER')];
    const register = await runChain(
      head,
      { kind: 'agency-items', operation: 'add', itemsToAdd: [F0201], businessItem: { name: '身心障礙者保費補助', purpose: '不列入媒體交換者保費補助', legalBasis: { kind: 'law', category: 'social', laws: '身心障礙者權益保障法第七十一之一條', purpose: '保險費補助' } } },
      [admin],
    );
    expect(register.form.number).toBe('附表一');
    await runChain(clerk, { kind: 'user-account', operation: 'change', itemsToAdd: [F0201] }, [head, admin]);
    await eventually(async () => (await gql(DECISION, { item: F0201, pre: true }, clerk)).data.me.queryDecision.allowed);
    const [successor, former] = [officials['changhua.successor']!, officials['changhua.formeradmin']!];
    const change = await runChain(admin, { kind: 'agency-admin-account', operation: 'change', subjectAccountId: successor.accountId, replacesAccountId: former.accountId }, [admin]);
    expect(change.steps).toEqual([{ role: 'TOP_ADMIN', action: 'notify-egov-platform', state: 'DONE' }]);
    // Identity carries it out through the outbox (Changhua 4(三)): the successor holds the role before the former admin is stopped.
    const accountOf = async (id: string) => (await ownerQuery(`SELECT roles, status FROM identity.account WHERE id = $1`, [id]))[0];
    for (const started = Date.now(); (await accountOf(former.accountId)).status !== 'REVOKED' && Date.now() - started < 15_000; ) await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await accountOf(former.accountId)).status).toBe('REVOKED');
    expect((await accountOf(successor.accountId)).roles.sort()).toEqual(['AUDITOR', 'TOP_ADMIN']);
  });
});

describe('Taipei through the gateway', () => {
  it('files nothing after the repeal of its rules', async () => {
    const refused = await submit(token('taipei.newcomer'), { kind: 'user-account', operation: 'new', itemsToAdd: ['labor-insurance:C0101:unspecified'] });
    expect(code(refused)).toBe('RULES_NOT_IN_FORCE');
    expect(refused.errors?.[0]?.message).toMatch(/repealed on 2021-01-14/);
  });
});

describe('the console’s views', () => {
  it('an admin’s inbox, an application as its form with its timeline, the grants matrix and the register', async () => {
    const clerk = await demoToken('taoyuan', 'CASEWORKER');
    const head = await demoToken('taoyuan', 'UNIT_HEAD');
    const pending = (await submit(clerk, { kind: 'user-account', operation: 'change', itemsToRemove: [C0302] })).data.submitApplication;
    const inbox = await gql(`{ applicationInbox(first: 20) { totalCount nodes { id kind applicant { username } } } }`, {}, head);
    expect(inbox.data.applicationInbox.nodes).toContainEqual({ id: pending.id, kind: 'user-account', applicant: { username: 'taoyuan.clerk' } });
    expect((await gql(`{ applicationInbox(first: 20) { nodes { id } } }`, {}, clerk)).data.applicationInbox.nodes).not.toContainEqual({ id: pending.id });

    const view = await gql(
      `query ($id: ID!) { application(id: $id) { form { number title } agency { name } itemsToRemove { code name } steps { title state citation } timeline { event actor { username person { displayName } } } printableForm retention { citation } } }`,
      { id: pending.id },
      head,
    );
    expect(view.errors).toBeUndefined();
    expect(view.data.application).toMatchObject({ form: { number: '附表二' }, agency: { name: '桃園市政府社會局' }, itemsToRemove: [{ code: 'C0302' }] });
    expect(view.data.application.steps.map((step: { state: string }) => step.state)).toEqual(['CURRENT', 'WAITING', 'WAITING']);
    expect(view.data.application.printableForm).toMatch(/附表二[\s\S]*\[X\] C0302/);
    expect((await gql(`query ($id: ID!) { application(id: $id) { id } }`, { id: pending.id }, await demoToken('tainan', 'TOP_ADMIN'))).data.application).toBeNull();
    await gql(STEP, { id: pending.id, decision: 'REJECT', comment: '保留' }, head);

    const matrix = await gql(
      `query ($agencyId: ID!) { grantsMatrix(agencyId: $agencyId, first: 50) { items { code } rows { account { username } itemKeys } totalCount } }`,
      { agencyId: demoAgencyId('taoyuan', 'social') },
      await demoToken('taoyuan', 'AGENCY_ADMIN'),
    );
    expect(matrix.errors).toBeUndefined();
    expect(matrix.data.grantsMatrix.items.map((item: { code: string }) => item.code)).toEqual(expect.arrayContaining(['C0101', 'C0201', 'C0301', 'C0302']));
    expect(matrix.data.grantsMatrix.rows).toContainEqual({ account: { username: 'taoyuan.clerk' }, itemKeys: expect.arrayContaining([C0302]) });
    expect(code(await gql(`query ($agencyId: ID!) { grantsMatrix(agencyId: $agencyId) { totalCount } }`, { agencyId: demoAgencyId('taoyuan', 'social') }, clerk))).toBe('FORBIDDEN');

    const registerPage = await gql(`{ businessItems(first: 10) { totalCount nodes { name agency { name } legalBasis { laws } items { code } } } }`, {}, clerk);
    expect(registerPage.data.businessItems.nodes).toContainEqual(expect.objectContaining({ name: '身心障礙者保費補助', agency: { name: '桃園市政府社會局' }, items: [{ code: 'C0302' }] }));
  });
});
