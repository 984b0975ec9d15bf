import { demoUnitId } from '@custos/demo';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeOfficial, principalOf, startPermissionsFixture, type Official, type PermissionsFixture } from '../testing/permissions-fixture';

const APPLICATION_FIELDS = `id kind operation status currentStep ruleVersion form { number title }
  steps { index role action state decision { role actor { id } comment onBehalfOf } }
  timeline { event stepIndex role actor { id } comment }
  businessItem { id name itemKeys legalBasis { laws citation } }
  retention { minimumYears keepUntil citation }`;
const SUBMIT = `mutation ($input: ApplicationInput!) { submitApplication(input: $input) { ${APPLICATION_FIELDS} } }`;
const DECIDE_STEP = `mutation ($id: ID!, $decision: StepDecision!, $comment: String, $step: Int) { decideApplicationStep(id: $id, decision: $decision, comment: $comment, step: $step) { ${APPLICATION_FIELDS} } }`;
const WITHDRAW = `mutation ($id: ID!) { withdrawApplication(id: $id, comment: "不再需要") { status } }`;
const INBOX = `query ($first: Int!, $after: String) { applicationInbox(first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { id kind } } }`;
const DECISION = `query ($reps: [_Any!]!, $item: ID!, $pre: Boolean) { _entities(representations: $reps) { ... on Account { queryDecision(itemKey: $item, preApprovalApproved: $pre) { allowed reasons { code } } } } }`;

const C0101 = 'labor-insurance:C0101:unspecified';
const C0302 = 'labor-insurance:C0302:national-id';
const B0101 = 'labor-insurance:B0101:unspecified';
const P0401 = 'labor-insurance:P0401:unspecified';
const HEALTH_C0101 = 'health-insurance:C0101:national-id';
const HEALTH_C0201 = 'health-insurance:C0201:national-id-and-premium-month';
const HEALTH_HX03 = 'health-insurance:HX03:unspecified';

let fixture: PermissionsFixture;
const extra: Record<string, Official> = {};

/** Officials the demo organisation lacks, per city: agency heads, reviewing officers, district-office staff, applicants, a vendor. */
function extras(): Official[] {
  for (const cityId of ['taipei', 'taoyuan', 'changhua', 'tainan']) {
    const unitId = demoUnitId(cityId, 'assistance');
    extra[`${cityId}.agencyhead`] = makeOfficial(cityId, 'social', ['AGENCY_HEAD']);
    extra[`${cityId}.reviewer`] = makeOfficial(cityId, 'reviewing', ['REVIEWING_OFFICER']);
    extra[`${cityId}.socialreviewer`] = makeOfficial(cityId, 'social', ['REVIEWING_OFFICER']);
    extra[`${cityId}.newcomer`] = makeOfficial(cityId, 'social', ['UNIT_ADMIN'], { unitId });
    extra[`${cityId}.vendor`] = makeOfficial(cityId, 'social', ['UNIT_ADMIN'], { unitId, isVendorStaff: true });
    extra[`${cityId}.districtclerk`] = makeOfficial(cityId, 'district', ['CASEWORKER']);
    extra[`${cityId}.districthead`] = makeOfficial(cityId, 'district', ['UNIT_HEAD', 'AGENCY_HEAD']);
  }
  return Object.values(extra);
}

beforeAll(async () => {
  fixture = await startPermissionsFixture({ extraOfficials: extras() });
});
afterAll(() => fixture?.stop());
afterEach(() => fixture.setNow(null));

const who = (name: string) => extra[name] ?? fixture.official(name);

async function submit(name: string, input: Record<string, unknown>) {
  return fixture.client.execute(SUBMIT, { input: { reason: '業務需要 (business need)', ...input } }, principalOf(who(name)));
}

async function act(name: string, id: string, decision: 'APPROVE' | 'REJECT' = 'APPROVE', comment?: string) {
  return fixture.client.execute(DECIDE_STEP, { id, decision, comment }, principalOf(who(name)));
}

/** Files, then walks every step with the named actors, asserting each step passes. */
async function runChain(applicant: string, input: Record<string, unknown>, actors: string[]) {
  const submitted = await submit(applicant, input);
  expect(submitted.errors, JSON.stringify(submitted.errors)).toBeUndefined();
  const application = submitted.data.submitApplication;
  expect(application.steps).toHaveLength(actors.length);
  let last = application;
  for (const [index, actor] of actors.entries()) {
    const result = await act(actor, application.id, 'APPROVE', `step ${index} ok`);
    expect(result.errors, `${actor} at step ${index}: ${JSON.stringify(result.errors)}`).toBeUndefined();
    last = result.data.decideApplicationStep;
  }
  expect(last.status).toBe('APPROVED');
  expect(last.steps.every((step: { state: string }) => step.state === 'DONE')).toBe(true);
  return last;
}

const code = (result: { errors?: Array<{ extensions?: { code?: string } }> }) => result.errors?.[0]?.extensions?.code;

async function outbox(applicationId: string) {
  return (await fixture.db.query(`SELECT topic, payload FROM permissions.outbox_event WHERE payload->>'applicationId' = $1 ORDER BY topic`, [applicationId])).rows;
}

async function decide(official: Official, item: string, pre = true, waitUntilAllowed = true) {
  const rep = { __typename: 'Account', id: official.accountId, status: 'ACTIVE', isVendorStaff: false, agencyId: official.agencyId, unitId: official.unitId };
  const started = Date.now();
  let result = await fixture.client.execute(DECISION, { reps: [rep], item, pre }, principalOf(official));
  // A grant just made reaches the decision cache through the change notification (well within a second).
  while (waitUntilAllowed && !result.data._entities[0].queryDecision.allowed && Date.now() - started < 1_000) result = await fixture.client.execute(DECISION, { reps: [rep], item, pre }, principalOf(official));
  return result.data._entities[0].queryDecision;
}

describe('Taoyuan: the full chains', () => {
  it('附表三: an agency adds items for a new business item, through unit head, agency head, the reviewing agency, the bureau and the top admin', async () => {
    const application = await runChain(
      'taoyuan.agencyadmin',
      {
        kind: 'agency-items',
        operation: 'add',
        itemsToAdd: [C0302, B0101],
        businessItem: { name: '身心障礙者保費補助', purpose: '身心障礙者參加社會保險保險費補助', unitIds: [demoUnitId('taoyuan', 'assistance')], legalBasis: { kind: 'law', category: 'social', laws: '身心障礙者權益保障法', purpose: '保險費補助' } },
      },
      ['taoyuan.head', 'taoyuan.agencyhead', 'taoyuan.reviewer', 'taoyuan.admin', 'taoyuan.admin', 'taoyuan.admin'],
    );
    expect(application.form).toEqual({ number: '附表三', title: '勞保局資訊中介服務查調項目增減表' });
    expect(application.steps[4]).toMatchObject({ role: 'BUREAU_OFFICER', decision: { role: 'TOP_ADMIN', onBehalfOf: 'bureau' } });
    expect(application.businessItem).toMatchObject({ name: '身心障礙者保費補助', itemKeys: [B0101, C0302], legalBasis: { laws: '身心障礙者權益保障法', citation: null } });
    const { rows } = await fixture.db.query(`SELECT item_key FROM permissions.agency_grant WHERE application_id = $1 ORDER BY item_key`, [application.id]);
    expect(rows.map((row) => row.item_key)).toEqual([B0101, C0302]);
    expect(application.timeline.map((event: { event: string }) => event.event)).toEqual(['SUBMITTED', 'APPROVED', 'APPROVED', 'APPROVED', 'APPROVED', 'APPROVED', 'APPROVED']);
  });

  it('附表二: a caseworker adds an item the agency now holds; the grant takes effect once the agency admin sets it up', async () => {
    const clerk = fixture.official('taoyuan.clerk');
    expect((await decide(clerk, C0302, true, false)).allowed).toBe(false);
    const application = await runChain('taoyuan.clerk', { kind: 'user-account', operation: 'change', itemsToAdd: [C0302] }, ['taoyuan.head', 'taoyuan.agencyhead', 'taoyuan.agencyadmin']);
    expect(application.form.number).toBe('附表二');
    expect((await decide(clerk, C0302)).allowed).toBe(true);
    expect(await outbox(application.id)).toEqual([]);
  });

  it('refuses an item the agency does not hold, or holds for no business item of the unit', async () => {
    const notHeld = await submit('taoyuan.clerk', { kind: 'user-account', operation: 'change', itemsToAdd: [P0401] });
    expect(code(notHeld)).toBe('AGENCY_GRANT_NOT_HELD');
    expect(notHeld.errors?.[0]?.message).toMatch(/P0401/);
    const otherService = await submit('taoyuan.clerk', { kind: 'user-account', operation: 'change', itemsToAdd: [HEALTH_C0101] });
    expect(otherService.errors?.[0]?.extensions).toMatchObject({ code: 'ITEM_NOT_IN_SERVICE', field: 'itemsToAdd' });
    const { rows } = await fixture.db.query(`SELECT count(*)::int AS n FROM permissions.application WHERE applicant_account_id = $1 AND status = 'PENDING'`, [fixture.official('taoyuan.clerk').accountId]);
    expect(rows[0].n).toBe(0); // bad input writes nothing
  });

  it('refuses the wrong approver, self-approval, acting before one’s step, and another city’s officer', async () => {
    const submitted = await submit('taoyuan.clerk', { kind: 'user-account', operation: 'change', itemsToRemove: [C0101] });
    const id = submitted.data.submitApplication.id;
    expect(code(await act('taoyuan.clerk', id))).toBe('SELF_APPROVAL');
    const wrong = await act('taoyuan.auditor', id);
    expect(code(wrong)).toBe('WRONG_APPROVER');
    expect(wrong.errors?.[0]?.message).toMatch(/UNIT_HEAD of the applicant's unit \(單位主管/);
    expect(code(await act('taoyuan.agencyadmin', id))).toBe('STEP_NOT_REACHED');
    expect(code(await act('tainan.head', id))).toBe('NOT_FOUND');
    const VIEW = `query ($id: ID!) { application(id: $id) { id printableForm } }`;
    expect((await fixture.client.execute(VIEW, { id }, principalOf(fixture.official('taoyuan.head')))).data.application.printableForm).toMatch(/附表二/);
    expect((await fixture.client.execute(VIEW, { id }, principalOf(who('taoyuan.districtclerk')))).data.application).toBeNull();
    expect((await fixture.client.execute(VIEW, { id }, principalOf(fixture.official('tainan.admin')))).data.application).toBeNull();
    expect(code(await act('taoyuan.head', id, 'REJECT'))).toBe('COMMENT_REQUIRED');
    const stale = await fixture.client.execute(DECIDE_STEP, { id, decision: 'APPROVE', step: 1 }, principalOf(fixture.official('taoyuan.head')));
    expect(code(stale)).toBe('STEP_ALREADY_DECIDED');
    // A rejection ends the application; nothing more can be done with it.
    const rejected = await act('taoyuan.head', id, 'REJECT', '仍需查調 C0101');
    expect(rejected.data.decideApplicationStep).toMatchObject({ status: 'REJECTED', steps: [{ state: 'REJECTED' }, { state: 'NOT_REACHED' }, { state: 'NOT_REACHED' }] });
    expect(code(await act('taoyuan.agencyhead', id))).toBe('APPLICATION_NOT_PENDING');
    expect((await decide(fixture.official('taoyuan.clerk'), C0101)).allowed).toBe(true);
  });

  it('a district office (commissioned) needs the commissioning agency’s consent first, and is reviewed by it', async () => {
    const submitted = await submit('taoyuan.districtclerk', { kind: 'agency-admin-account', operation: 'new' });
    expect(submitted.errors).toBeUndefined();
    const application = submitted.data.submitApplication;
    expect(application.steps.map((step: { role: string; action: string }) => `${step.role}:${step.action}`)).toEqual([
      'AGENCY_HEAD:consent',
      'UNIT_HEAD:endorse',
      'AGENCY_HEAD:endorse',
      'REVIEWING_OFFICER:approve',
      'TOP_ADMIN:set-up',
    ]);
    expect(code(await act('taoyuan.districthead', application.id))).toBe('COMMISSIONING_CONSENT_REQUIRED');
    expect(code(await act('taoyuan.reviewer', application.id))).toBe('WRONG_APPROVER');
    for (const actor of ['taoyuan.agencyhead', 'taoyuan.districthead', 'taoyuan.districthead']) expect((await act(actor, application.id)).errors).toBeUndefined();
    // Taoyuan 9: the commissioning agency's reviewer, not the city's reviewing agency.
    expect(code(await act('taoyuan.reviewer', application.id))).toBe('WRONG_APPROVER');
    expect((await act('taoyuan.socialreviewer', application.id)).errors).toBeUndefined();
    const done = await act('taoyuan.admin', application.id);
    expect(done.data.decideApplicationStep.status).toBe('APPROVED');
    expect(await outbox(application.id)).toEqual([
      {
        topic: 'identity.account-role.grant',
        payload: expect.objectContaining({ accountId: who('taoyuan.districtclerk').accountId, role: 'AGENCY_ADMIN', agencyId: who('taoyuan.districtclerk').agencyId, replacesAccountId: null }),
      },
    ]);
  });

  it('the applicant may withdraw before the last step, and nobody else may', async () => {
    const submitted = await submit('taoyuan.clerk', { kind: 'user-account', operation: 'change', itemsToRemove: [C0101] });
    const id = submitted.data.submitApplication.id;
    expect(code(await fixture.client.execute(WITHDRAW, { id }, principalOf(fixture.official('taoyuan.head'))))).toBe('FORBIDDEN');
    await act('taoyuan.head', id);
    await act('taoyuan.agencyhead', id); // now at the last step
    expect(code(await fixture.client.execute(WITHDRAW, { id }, principalOf(fixture.official('taoyuan.clerk'))))).toBe('WITHDRAWAL_TOO_LATE');
    const early = (await submit('taoyuan.clerk', { kind: 'user-account', operation: 'change', itemsToRemove: [C0101] })).data.submitApplication.id;
    const withdrawn = await fixture.client.execute(WITHDRAW, { id: early }, principalOf(fixture.official('taoyuan.clerk')));
    expect(withdrawn.data.withdrawApplication.status).toBe('WITHDRAWN');
    // Leave no pending change to C0101 behind for other tests.
    await act('taoyuan.agencyadmin', id, 'REJECT', 'not now');
  });

  it('lists the inbox of whoever may act now, page by page, and never their own', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 3; index += 1) ids.push((await submit('taoyuan.clerk', { kind: 'user-account', operation: 'change', itemsToRemove: [C0101] })).data.submitApplication.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await fixture.client.execute(INBOX, { first: 2, after }, principalOf(fixture.official('taoyuan.head')));
      expect(page.errors).toBeUndefined();
      seen.push(...page.data.applicationInbox.nodes.map((node: { id: string }) => node.id));
      if (!page.data.applicationInbox.pageInfo.hasNextPage) break;
      after = page.data.applicationInbox.pageInfo.endCursor;
    }
    for (const id of ids) expect(seen).toContain(id);
    expect((await fixture.client.execute(INBOX, { first: 10 }, principalOf(fixture.official('taoyuan.clerk')))).data.applicationInbox.nodes).toEqual([]);
    expect((await fixture.client.execute(INBOX, { first: 10 }, principalOf(who('taoyuan.agencyhead')))).data.applicationInbox.nodes.map((n: { id: string }) => n.id)).not.toContain(ids[0]);
    expect((await fixture.client.execute(INBOX, { first: 10 }, principalOf(fixture.official('tainan.head')))).data.applicationInbox.nodes.map((n: { id: string }) => n.id)).not.toContain(ids[0]);
    for (const id of ids) await act('taoyuan.head', id, 'REJECT', 'cleanup');
  });
});

describe('Tainan: the forms need the personal-data acknowledgement', () => {
  it('附表一 (agency link): refuses without the acknowledgement or with an unlisted basis; runs to the top admin with a Tainan 2 basis', async () => {
    const bases = (await fixture.client.execute(`{ legalBases { id citation } }`, {}, principalOf(fixture.official('tainan.agencyadmin')))).data.legalBases;
    const police = bases.find((basis: { citation: string }) => basis.citation === 'Tainan 2(二)').id;
    const input = { kind: 'agency-items', operation: 'add', itemsToAdd: [HEALTH_HX03], businessItem: { name: '刑案偵查', purpose: '辦理警政相關業務', unitIds: [demoUnitId('tainan', 'assistance')], legalBasisId: police } };
    const missing = await submit('tainan.agencyadmin', input);
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'ACKNOWLEDGEMENT_REQUIRED', field: 'personalDataAcknowledged' });
    const unlisted = await submit('tainan.agencyadmin', { ...input, personalDataAcknowledged: true, businessItem: { ...input.businessItem, legalBasisId: null, legalBasis: { kind: 'law', category: 'social', laws: '某法', purpose: 'x' } } });
    expect(code(unlisted)).toBe('LEGAL_BASIS_NOT_LISTED');
    const application = await runChain('tainan.agencyadmin', { ...input, personalDataAcknowledged: true }, ['tainan.head', 'tainan.agencyhead', 'tainan.admin']);
    expect(application.businessItem.legalBasis.citation).toBe('Tainan 2(二)');
    expect(application.retention).toEqual({ minimumYears: 1, keepUntil: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), citation: 'Tainan 5 第四項' });
  });

  it('附表二: a new user account with items; the role goes to identity through the outbox; deleting it ends every grant', async () => {
    const newcomer = who('tainan.newcomer');
    const application = await runChain(
      'tainan.newcomer',
      { kind: 'user-account', operation: 'new', itemsToAdd: [HEALTH_C0101, HEALTH_C0201], personalDataAcknowledged: true },
      ['tainan.head', 'tainan.agencyhead', 'tainan.agencyadmin'],
    );
    expect((await decide(newcomer, HEALTH_C0201)).allowed).toBe(true);
    expect(await outbox(application.id)).toEqual([
      { topic: 'identity.account-role.grant', payload: expect.objectContaining({ accountId: newcomer.accountId, personId: newcomer.personId, role: 'CASEWORKER', unitId: newcomer.unitId }) },
    ]);
    // Approving again cannot happen: the change was made once.
    expect(code(await act('tainan.agencyadmin', application.id))).toBe('APPLICATION_NOT_PENDING');
    const { rows } = await fixture.db.query(`SELECT count(*)::int AS n FROM permissions.user_grant WHERE account_id = $1`, [newcomer.accountId]);
    expect(rows[0].n).toBe(2);

    // Identity has granted the role by now (as the outbox asked); later the user moves and the account is deleted.
    newcomer.roles = ['CASEWORKER', 'UNIT_ADMIN'];
    const deletion = await submit('tainan.newcomer', { kind: 'user-account', operation: 'delete', reason: '調職 (moved)', personalDataAcknowledged: true });
    expect(deletion.errors).toBeUndefined();
    for (const actor of ['tainan.head', 'tainan.agencyhead', 'tainan.agencyadmin']) await act(actor, deletion.data.submitApplication.id);
    const open = await fixture.db.query(`SELECT count(*)::int AS n FROM permissions.user_grant WHERE account_id = $1 AND revoked_at IS NULL`, [newcomer.accountId]);
    expect(open.rows[0].n).toBe(0);
    expect((await outbox(deletion.data.submitApplication.id)).map((row) => row.topic)).toEqual(['identity.account-role.revoke']);
  });

  it('refuses vendor staff', async () => {
    const vendor = await submit('tainan.vendor', { kind: 'user-account', operation: 'new', itemsToAdd: [HEALTH_C0101], personalDataAcknowledged: true });
    expect(code(vendor)).toBe('VENDOR_STAFF');
    expect(vendor.errors?.[0]?.message).toMatch(/委外廠商/);
  });
});

describe('Changhua: the register is the agency-items form', () => {
  it('業務項目清冊: a supervisor files a business item with a major policy as its basis; the admin approves', async () => {
    const application = await runChain(
      'changhua.head',
      { kind: 'agency-items', operation: 'add', itemsToAdd: [C0302], businessItem: { name: '勞工生活津貼', purpose: '核發津貼資格審查', legalBasis: { kind: 'major-policy', category: 'social', laws: '彰化縣勞工生活津貼計畫', purpose: '津貼審查' } } },
      ['changhua.admin'],
    );
    expect(application.form.number).toBe('附表一');
    expect(application.businessItem.itemKeys).toEqual([C0302]);
  });

  it('附表三: a user adds the item through the supervisor and the admin; then may query it with pre-approval', async () => {
    await runChain('changhua.clerk', { kind: 'user-account', operation: 'change', itemsToAdd: [C0302] }, ['changhua.head', 'changhua.admin']);
    expect((await decide(fixture.official('changhua.clerk'), C0302, true)).allowed).toBe(true);
  });

  it('附表二: the departing admin files the change naming the successor and notifies the platform; identity is asked to switch them', async () => {
    const successor = makeOfficial('changhua', 'governing', ['AUDITOR']);
    fixture.officials.push(successor);
    const refusedNew = await submit('changhua.admin', { kind: 'agency-admin-account', operation: 'new' });
    expect(refusedNew.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_NOT_ALLOWED', field: 'operation' });
    const application = await runChain('changhua.admin', { kind: 'agency-admin-account', operation: 'change', subjectAccountId: successor.accountId }, ['changhua.admin']);
    expect(await outbox(application.id)).toEqual([
      {
        topic: 'identity.account-role.grant',
        payload: expect.objectContaining({ accountId: successor.accountId, role: 'TOP_ADMIN', replacesAccountId: fixture.official('changhua.admin').accountId, revokeReplacedRoleAfterGrant: true }),
      },
    ]);
  });
});

describe('Taipei: only while its rules were in force', () => {
  it('refuses every application today, citing the repeal', async () => {
    const today = await submit('taipei.newcomer', { kind: 'user-account', operation: 'new', itemsToAdd: [C0101] });
    expect(code(today)).toBe('RULES_NOT_IN_FORCE');
    expect(today.errors?.[0]?.message).toMatch(/repealed on 2021-01-14/);
  });

  it('in 2020 ran 附件1-2 to the agency admin, the agency’s items through the governing agency, and admins with their legal basis', async () => {
    fixture.setNow(new Date('2020-06-01T02:00:00Z'));
    const user = await runChain('taipei.newcomer', { kind: 'user-account', operation: 'new', itemsToAdd: [C0101] }, ['taipei.agencyadmin']);
    expect(user.ruleVersion).toBe('taipei-labor-insurance-2014');
    expect(code(await submit('taipei.agencyhead', { kind: 'agency-items', operation: 'remove', itemsToRemove: [C0101] }))).toBe('OPERATION_NOT_ALLOWED');
    const basisId = (await fixture.client.execute(`{ legalBases { id } }`, {}, principalOf(fixture.official('taipei.admin')))).data.legalBases[0].id;
    await runChain(
      'taipei.agencyhead',
      { kind: 'agency-items', operation: 'add', itemsToAdd: [P0401], businessItem: { name: '勞退請領查核', purpose: '社會救助', unitIds: [demoUnitId('taipei', 'assistance')], legalBasisId: basisId } },
      ['taipei.reviewer', 'taipei.admin'],
    );
    const noBasis = await submit('taipei.districtclerk', { kind: 'agency-admin-account', operation: 'new' });
    expect(noBasis.errors?.[0]?.extensions).toMatchObject({ code: 'LEGAL_BASIS_REQUIRED', field: 'legalBasisId' });
    // A district office: the commissioning agency consents first (Taipei 4).
    await runChain('taipei.districtclerk', { kind: 'agency-admin-account', operation: 'new', legalBasisId: basisId }, ['taipei.agencyhead', 'taipei.reviewer', 'taipei.admin']);
  });
});

describe('applicationForms: what each city’s forms ask, from its rules in force', () => {
  const FORMS = `{ applicationForms { service ruleVersion message kinds { kind available operations form { number title } personalDataAcknowledgementRequired personalDataAcknowledgementCitation legalBasisRequired steps { role agencyScope action title onlyForCommissionedAgency } } } }`;
  const formsOf = async (name: string) => (await fixture.client.execute(FORMS, {}, principalOf(fixture.official(name)))).data.applicationForms;

  it('Tainan requires the acknowledgement on its user form; Taoyuan does not; both list their chain', async () => {
    const tainan = await formsOf('tainan.clerk');
    expect(tainan.service).toBe('health-insurance');
    const tainanUser = tainan.kinds.find((kind: { kind: string }) => kind.kind === 'user-account');
    expect(tainanUser).toMatchObject({ available: true, personalDataAcknowledgementRequired: true });
    expect(tainanUser.personalDataAcknowledgementCitation).toMatch(/Tainan/);
    expect(tainanUser.steps.map((step: { role: string }) => step.role)).toEqual(['UNIT_HEAD', 'AGENCY_HEAD', 'AGENCY_ADMIN']);
    const taoyuan = await formsOf('taoyuan.clerk');
    const taoyuanUser = taoyuan.kinds.find((kind: { kind: string }) => kind.kind === 'user-account');
    expect(taoyuanUser).toMatchObject({ personalDataAcknowledgementRequired: false, form: { number: '附表二' } });
    expect(taoyuanUser.operations).toEqual(expect.arrayContaining(['new', 'change', 'delete']));
    expect(taoyuanUser.steps.map((step: { role: string }) => step.role)).toEqual(['UNIT_HEAD', 'AGENCY_HEAD', 'AGENCY_ADMIN']);
    const taoyuanItems = taoyuan.kinds.find((kind: { kind: string }) => kind.kind === 'agency-items');
    expect(taoyuanItems.steps.map((step: { role: string }) => step.role)).toEqual(['UNIT_HEAD', 'AGENCY_HEAD', 'REVIEWING_OFFICER', 'TOP_ADMIN', 'BUREAU_OFFICER', 'TOP_ADMIN']);
  });

  it('Changhua’s admin form allows only a change; Taipei, repealed, offers nothing', async () => {
    const changhua = await formsOf('changhua.admin');
    expect(changhua.kinds.find((kind: { kind: string }) => kind.kind === 'agency-admin-account').operations).toEqual(['change']);
    const taipei = await formsOf('taipei.admin');
    expect(taipei).toMatchObject({ ruleVersion: null, kinds: [] });
    expect(taipei.message).toMatch(/2021-01-14/);
  });
});

describe('viewerMayDecide / viewerMayWithdraw: what the console offers each viewer', () => {
  const VIEW = `query ($id: ID!) { application(id: $id) { viewerMayDecide viewerMayWithdraw } }`;
  const view = async (name: string, id: string) => (await fixture.client.execute(VIEW, { id }, principalOf(who(name)))).data.application;

  it('offers the decision only to who may take it now, and the withdrawal only to the applicant before the last step', async () => {
    const id = (await submit('taoyuan.clerk', { kind: 'user-account', operation: 'change', itemsToRemove: [C0101] })).data.submitApplication.id;
    expect(await view('taoyuan.clerk', id)).toEqual({ viewerMayDecide: false, viewerMayWithdraw: true });
    expect(await view('taoyuan.head', id)).toEqual({ viewerMayDecide: true, viewerMayWithdraw: false });
    expect(await view('taoyuan.agencyhead', id)).toEqual({ viewerMayDecide: false, viewerMayWithdraw: false });
    expect(await view('taoyuan.admin', id)).toEqual({ viewerMayDecide: false, viewerMayWithdraw: false });
    await act('taoyuan.head', id);
    expect(await view('taoyuan.agencyhead', id)).toEqual({ viewerMayDecide: true, viewerMayWithdraw: false });
    await act('taoyuan.agencyhead', id);
    // The last step: too late to withdraw; the agency admin decides.
    expect(await view('taoyuan.clerk', id)).toEqual({ viewerMayDecide: false, viewerMayWithdraw: false });
    expect(await view('taoyuan.agencyadmin', id)).toEqual({ viewerMayDecide: true, viewerMayWithdraw: false });
    await act('taoyuan.agencyadmin', id, 'REJECT', 'cleanup');
    expect(await view('taoyuan.agencyadmin', id)).toEqual({ viewerMayDecide: false, viewerMayWithdraw: false });
  });
});
