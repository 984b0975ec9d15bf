import { addStandInAgencies } from '@custos/tenancy';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrincipal, dataOf, startAuditFixture, type AuditFixture, type TestPrincipal } from '../testing/audit-fixture';

/**
 * A bureau's audit request may name an agency of the city it asks — never another city's agency nor
 * an id that is no agency: UNKNOWN_AGENCY, and neither the request nor the city's task is written.
 * The agencies come from identity's directory (a stand-in here), read in the request's cross-city
 * session on that one city.
 */
const REQUEST = `mutation ($input: RequestBureauAuditInput!) { requestBureauAudit(input: $input) { id cityId agencyId taskId } }`;
const labor = { ...buildPrincipal('central', ['BUREAU_OFFICER']), crossCity: { cityIds: ['changhua', 'taipei', 'taoyuan'], service: 'labor-insurance' } } as unknown as TestPrincipal;
const changhuaAgency = randomUUID();
const taoyuanAgency = randomUUID();
const input = (agencyId: string) => ({ cityId: 'changhua', periodStart: '2026-01-01', periodEnd: '2026-03-31', agencyId, reason: '指定機關稽核', dueOn: '2099-01-31' });

let f: AuditFixture;
beforeAll(async () => {
  f = await startAuditFixture({
    beforeStart: (db) => addStandInAgencies((sql, params) => db.query(sql, params), [{ id: changhuaAgency, cityId: 'changhua' }, { id: taoyuanAgency, cityId: 'taoyuan' }]),
  });
}, 120_000);
afterAll(async () => {
  await f?.stop();
});

const written = async () => (await f.db.query(`select (select count(*) from audit.bureau_audit_request)::int as requests, (select count(*) from audit.compliance_task)::int as tasks`)).rows[0];

describe('requestBureauAudit and the agency it names', () => {
  it('refuses another city’s agency and an id that is no agency with UNKNOWN_AGENCY, writing nothing', async () => {
    const before = await written();
    for (const agencyId of [taoyuanAgency, randomUUID()]) {
      const result = await f.execute(REQUEST, { input: input(agencyId) }, labor);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_AGENCY', field: 'agencyId' });
      expect(result.errors?.[0]?.message).toMatch(/no agency with this id in Changhua/);
      expect(result.data ?? null).toBeNull();
    }
    expect(await written()).toEqual(before);
    // A malformed id is still INVALID_ID (checked before anything is opened).
    expect((await f.execute(REQUEST, { input: input('not-a-uuid') }, labor)).errors?.[0]?.extensions?.code).toBe('INVALID_ID');
  });

  it('accepts an agency of the city asked', async () => {
    const request = dataOf(await f.execute(REQUEST, { input: input(changhuaAgency) }, labor)).requestBureauAudit;
    expect(request).toMatchObject({ cityId: 'changhua', agencyId: changhuaAgency, taskId: expect.any(String) });
  });
});
