import { demoAgencyId } from '@custos/demo';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalOf, startPermissionsFixture, type PermissionsFixture } from '../testing/permissions-fixture';

/**
 * A top admin configures the office networks of any agency of their city — never of another city's
 * agency, nor of an id that is no agency: UNKNOWN_AGENCY, and nothing is written. The agencies come
 * from identity's directory (a stand-in with the demo agencies here), read under row-level security.
 */
const ADD = `mutation ($agencyId: ID!, $network: String!, $label: String!) { addAgencyNetwork(agencyId: $agencyId, network: $network, label: $label) { id agencyId } }`;

let fixture: PermissionsFixture;
beforeAll(async () => {
  fixture = await startPermissionsFixture();
});
afterAll(() => fixture?.stop());

const networkCount = async () => (await fixture.db.query(`select count(*)::int as n from permissions.agency_network`)).rows[0].n;

describe('addAgencyNetwork and the agency it names', () => {
  it('refuses another city’s agency and an unknown id with UNKNOWN_AGENCY, writing nothing', async () => {
    const before = await networkCount();
    for (const agencyId of [demoAgencyId('taipei', 'social'), randomUUID()]) {
      const result = await fixture.client.execute(ADD, { agencyId, network: '10.66.0.0/24', label: 'x' }, principalOf(fixture.official('taoyuan.admin')));
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_AGENCY', field: 'agencyId' });
      expect(result.errors?.[0]?.message).toMatch(/no agency with this id in your city/);
      expect(result.data ?? null).toBeNull();
    }
    expect(await networkCount()).toBe(before);
  });

  it('accepts an agency of the top admin’s own city', async () => {
    const agencyId = demoAgencyId('taoyuan', 'district');
    const result = await fixture.client.execute(ADD, { agencyId, network: '10.67.0.0/24', label: 'district office' }, principalOf(fixture.official('taoyuan.admin')));
    expect(result.errors).toBeUndefined();
    expect(result.data.addAgencyNetwork.agencyId).toBe(agencyId);
  });
});
