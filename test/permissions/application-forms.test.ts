import { describe, expect, it } from 'vitest';
import { gql, login } from '../support/gateway-client';
import { demoUser } from '../support/platform';

/**
 * `applicationForms` through the gateway: the console builds its application forms from it, so each
 * city's forms ask exactly what its rules in force require (Tainan's personal-data acknowledgement,
 * Changhua's admin change only) and show the chain an application will run.
 */
const FORMS = `{ applicationForms { service ruleVersion message kinds { kind available operations form { number } personalDataAcknowledgementRequired legalBasisRequired steps { role action title } } } }`;

interface FormRule {
  kind: string;
  available: boolean;
  operations: string[];
  form: { number: string } | null;
  personalDataAcknowledgementRequired: boolean;
  legalBasisRequired: boolean;
  steps: Array<{ role: string; action: string; title: string }>;
}
interface Forms {
  applicationForms: { service: string; ruleVersion: string | null; message: string | null; kinds: FormRule[] };
}

async function formsOf(cityId: string, role: string) {
  const result = await gql<Forms>(FORMS, {}, await login(demoUser(cityId, role)));
  expect(result.errors).toBeUndefined();
  return result.data!.applicationForms;
}
const kind = (forms: Forms['applicationForms'], name: string) => forms.kinds.find((candidate) => candidate.kind === name)!;

describe('applicationForms through the gateway', () => {
  it('tells a Tainan caseworker the acknowledgement is required and a Taoyuan one that it is not, each with their chain', async () => {
    const tainan = await formsOf('tainan', 'CASEWORKER');
    expect(tainan.service).toBe('health-insurance');
    expect(kind(tainan, 'user-account').personalDataAcknowledgementRequired).toBe(true);
    const taoyuan = await formsOf('taoyuan', 'CASEWORKER');
    expect(taoyuan.service).toBe('labor-insurance');
    expect(kind(taoyuan, 'user-account')).toMatchObject({ available: true, personalDataAcknowledgementRequired: false, form: { number: '附表二' } });
    expect(kind(taoyuan, 'user-account').steps.map((step) => step.role)).toEqual(['UNIT_HEAD', 'AGENCY_HEAD', 'AGENCY_ADMIN']);
  });

  it('offers Changhua’s admin only a change of the agency admin, and Taipei nothing since its repeal', async () => {
    expect(kind(await formsOf('changhua', 'TOP_ADMIN'), 'agency-admin-account').operations).toEqual(['change']);
    const taipei = await formsOf('taipei', 'TOP_ADMIN');
    expect(taipei.kinds).toEqual([]);
    expect(taipei.message).toMatch(/2021-01-14/);
  });

  it('refuses an anonymous caller', async () => {
    const result = await gql(FORMS);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('viewerMayDecide and viewerMayWithdraw through the gateway', () => {
  const VIEW = `query ($id: ID!) { application(id: $id) { status viewerMayDecide viewerMayWithdraw } }`;
  const C0101 = 'labor-insurance:C0101:unspecified';

  it('follow the Taoyuan chain: the unit head, then the agency head; the applicant may withdraw until then', async () => {
    const [clerk, head, director] = await Promise.all(['CASEWORKER', 'UNIT_HEAD', 'AGENCY_HEAD'].map((role) => login(demoUser('taoyuan', role))));
    const submitted = await gql(`mutation ($input: ApplicationInput!) { submitApplication(input: $input) { id } }`, {
      input: { kind: 'user-account', operation: 'change', reason: '業務調整', itemsToRemove: [C0101] },
    }, clerk);
    expect(submitted.errors).toBeUndefined();
    const id = submitted.data.submitApplication.id;
    const view = async (token: string) => (await gql(VIEW, { id }, token)).data.application;
    expect(await view(clerk!)).toEqual({ status: 'PENDING', viewerMayDecide: false, viewerMayWithdraw: true });
    expect(await view(head!)).toEqual({ status: 'PENDING', viewerMayDecide: true, viewerMayWithdraw: false });
    expect(await view(director!)).toEqual({ status: 'PENDING', viewerMayDecide: false, viewerMayWithdraw: false });
    const rejected = await gql(`mutation ($id: ID!) { decideApplicationStep(id: $id, decision: REJECT, comment: "仍需查調") { status viewerMayDecide } }`, { id }, head);
    expect(rejected.data.decideApplicationStep).toEqual({ status: 'REJECTED', viewerMayDecide: false });
    expect(await view(clerk!)).toEqual({ status: 'REJECTED', viewerMayDecide: false, viewerMayWithdraw: false });
  });
});
