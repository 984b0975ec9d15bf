import { demoAgencies, demoUnitId } from '@custos/demo';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOfficial, principalOf, startPermissionsFixture, type Official, type PermissionsFixture } from '../testing/permissions-fixture';

/**
 * What a central agency's officer sees of an application awaiting the bureau's step (Taoyuan 6(二),
 * 附表三): the applying agency's name, the business item and legal basis, the items — and only
 * for its own service, in its cities, each read logged for the city.
 */
const AWAITING = `query Awaiting($filter: BureauApplicationFilter) { bureauApplications(filter: $filter) { totalCount nodes {
  id cityId agencyId agencyName agencyNameEn itemsToAdd itemsToRemove reason
  businessItem { registered name purpose legalBasis { registered kind category laws purpose citation } }
  legalBasis { registered laws } } } }`;
const READS = `query { applicationCrossCityReads(first: 200) { nodes { cityId readerAccountId operation rowCount } } }`;
const SUBMIT = `mutation ($input: ApplicationInput!) { submitApplication(input: $input) { id } }`;
const STEP = `mutation ($id: ID!) { decideApplicationStep(id: $id, decision: APPROVE) { id currentStep } }`;
const F0201 = 'labor-insurance:F0201:unspecified';

let fixture: PermissionsFixture;
const extra: Record<string, Official> = {};
const ids: Record<string, string> = {};
const social = demoAgencies.find((agency) => agency.cityId === 'taoyuan' && agency.key === 'social')!;

const bureau = (service: 'labor-insurance' | 'health-insurance', cityIds = ['changhua', 'taipei', 'tainan', 'taoyuan']) => ({
  ...principalOf(fixture.official(service === 'labor-insurance' ? 'central.labor' : 'central.nhi')),
  crossCity: { cityIds, service },
});
const code = (result: { errors?: Array<{ extensions?: { code?: string } }> }) => result.errors?.[0]?.extensions?.code;
const who = (name: string) => extra[name] ?? fixture.official(name);

/** Files a Taoyuan 附表三 and walks the city's steps up to 勞保局's. */
async function toBureauStep(input: Record<string, unknown>): Promise<string> {
  const submitted = await fixture.client.execute(SUBMIT, { input: { kind: 'agency-items', operation: 'add', reason: '業務需要', ...input } }, principalOf(who('taoyuan.agencyadmin')));
  expect(submitted.errors, JSON.stringify(submitted.errors)).toBeUndefined();
  const id = submitted.data.submitApplication.id;
  for (const actor of ['taoyuan.head', 'taoyuan.agencyhead', 'taoyuan.reviewer', 'taoyuan.admin']) {
    const step = await fixture.client.execute(STEP, { id }, principalOf(who(actor)));
    expect(step.errors, `${actor}: ${JSON.stringify(step.errors)}`).toBeUndefined();
  }
  return id;
}

beforeAll(async () => {
  extra['taoyuan.agencyhead'] = makeOfficial('taoyuan', 'social', ['AGENCY_HEAD']);
  extra['taoyuan.reviewer'] = makeOfficial('taoyuan', 'reviewing', ['REVIEWING_OFFICER']);
  fixture = await startPermissionsFixture({ extraOfficials: Object.values(extra) });
  ids.proposed = await toBureauStep({
    itemsToAdd: [F0201],
    businessItem: { name: '身心障礙者保費補助', purpose: '保險費補助資格審查', unitIds: [demoUnitId('taoyuan', 'assistance')], legalBasis: { kind: 'law', category: 'social', laws: '身心障礙者權益保障法', purpose: '保險費補助' } },
  });
  // A registered business item of the agency (in the city's register, with its legal basis) that the agency asks more items for.
  ids.registeredBasis = crypto.randomUUID();
  ids.registeredItem = crypto.randomUUID();
  await fixture.db.query(
    `INSERT INTO permissions.legal_basis (id, city_id, kind, category, laws_zh, purpose_zh, citation, effective_from) VALUES ($1, 'taoyuan', 'law', 'social', '社會救助法', '低收入戶資格審核', '社會救助法第5條', '2020-01-01')`,
    [ids.registeredBasis],
  );
  await fixture.db.query(
    `INSERT INTO permissions.business_item (id, city_id, agency_id, unit_ids, legal_basis_id, name_zh, purpose_zh, item_keys, registered_at) VALUES ($1, 'taoyuan', $2, $3, $4, '低收入戶資格審核', '審核申請人之資格', $5, now())`,
    [ids.registeredItem, social.id, [demoUnitId('taoyuan', 'assistance')], ids.registeredBasis, [F0201]],
  );
  ids.registered = await toBureauStep({ itemsToAdd: [F0201], businessItemId: ids.registeredItem });
}, 120_000);
afterAll(() => fixture?.stop());

describe('bureauApplications: what the bureau needs to decide', () => {
  it('names the applying agency, the proposed business item with its legal basis, and the items', async () => {
    const result = await fixture.client.execute(AWAITING, { filter: { cityIds: ['taoyuan'] } }, bureau('labor-insurance'));
    expect(result.errors).toBeUndefined();
    const proposed = result.data.bureauApplications.nodes.find((n: { id: string }) => n.id === ids.proposed);
    expect(proposed).toEqual({
      id: ids.proposed, cityId: 'taoyuan', agencyId: social.id, agencyName: social.name, agencyNameEn: social.nameEn, itemsToAdd: [F0201], itemsToRemove: [], reason: '業務需要',
      businessItem: {
        registered: false, name: '身心障礙者保費補助', purpose: '保險費補助資格審查',
        legalBasis: { registered: false, kind: 'law', category: 'social', laws: '身心障礙者權益保障法', purpose: '保險費補助', citation: null },
      },
      legalBasis: null,
    });
  });

  it('names a registered business item and its registered legal basis', async () => {
    const result = await fixture.client.execute(AWAITING, { filter: { cityIds: ['taoyuan'] } }, bureau('labor-insurance'));
    const registered = result.data.bureauApplications.nodes.find((n: { id: string }) => n.id === ids.registered);
    expect(registered.businessItem).toEqual({
      registered: true, name: '低收入戶資格審核', purpose: '審核申請人之資格',
      legalBasis: { registered: true, kind: 'law', category: 'social', laws: '社會救助法', purpose: '低收入戶資格審核', citation: '社會救助法第5條' },
    });
    expect(registered.agencyName).toBe(social.name);
  });

  it('is nothing for another service, and refused for a city outside the reach or to a city’s own officials', async () => {
    const health = await fixture.client.execute(AWAITING, { filter: { cityIds: ['taoyuan'] } }, bureau('health-insurance'));
    expect(health.data.bureauApplications.nodes).toEqual([]);
    expect(code(await fixture.client.execute(AWAITING, { filter: { cityIds: ['taoyuan'] } }, bureau('labor-insurance', ['changhua'])))).toBe('FORBIDDEN');
    expect(code(await fixture.client.execute(AWAITING, {}, principalOf(fixture.official('taoyuan.admin'))))).toBe('FORBIDDEN');
  });

  it('logs the read in the city’s read log', async () => {
    const reader = { ...bureau('labor-insurance'), accountId: crypto.randomUUID() };
    await fixture.client.execute(AWAITING, { filter: { cityIds: ['taoyuan'] } }, reader);
    const reads = await fixture.client.execute(READS, {}, principalOf(fixture.official('taoyuan.admin')));
    const mine = reads.data.applicationCrossCityReads.nodes.filter((n: { readerAccountId: string }) => n.readerAccountId === reader.accountId);
    expect(mine).toEqual([{ cityId: 'taoyuan', readerAccountId: reader.accountId, operation: 'Awaiting/bureauApplications', rowCount: 2 }]);
  });
});

describe('row-level security alone', () => {
  it('a bureau’s session reads only the business items and legal bases its applications name, and the agencies of its cities', async () => {
    const client = new pg.Client({ connectionString: fixture.db.appUrl('permissions') });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`select set_config('app.city_ids', 'taoyuan', true), set_config('app.service', 'labor-insurance', true)`);
      expect((await client.query(`select id from permissions.business_item`)).rows.map((r) => r.id)).toEqual([ids.registeredItem]);
      const bases = (await client.query(`select count(*)::int as n from permissions.legal_basis`)).rows[0].n;
      expect(bases).toBe(1);
      const agencies = (await client.query(`select distinct city_id from identity.agency_name`)).rows.map((r) => r.city_id);
      expect(agencies).toEqual(['taoyuan']);
      await client.query(`select set_config('app.service', 'health-insurance', true)`);
      expect((await client.query(`select count(*)::int as n from permissions.business_item`)).rows[0].n).toBe(0);
      expect((await client.query(`select count(*)::int as n from permissions.legal_basis`)).rows[0].n).toBe(0);
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
  });
});
