import { rules, type ApplicationKind } from '@custos/rules';
import { describe, expect, it } from 'vitest';
import { actorsFor, matchingSpec, resolveChain, type ApplicationPlace } from './approval-chain';

function chainOf(city: string, kind: ApplicationKind, date: string, commissioned = false) {
  const lookup = rules.at(city, city === 'tainan' ? 'health-insurance' : 'labor-insurance', date);
  if (!lookup.inForce) throw new Error('not in force');
  const chain = resolveChain(lookup.version, lookup.version.applications[kind]!, commissioned);
  return { apply: chain.applyStep?.role, steps: chain.steps.map((step) => `${step.role}@${step.agency}:${step.action}`) };
}

const place: ApplicationPlace = { agencyId: 'district', unitId: null, agencyParentId: 'social', commissioningAgencyId: 'social' };

describe('approval chains from the rule profiles', () => {
  it('Taoyuan: 附表二 through unit head and agency head to the agency admin; 附表三 through the reviewing agency and the bureau', () => {
    expect(chainOf('taoyuan', 'user-account', '2025-01-01')).toEqual({
      apply: 'CASEWORKER',
      steps: ['UNIT_HEAD@own-unit:endorse', 'AGENCY_HEAD@own-agency:endorse', 'AGENCY_ADMIN@own-agency:set-up'],
    });
    expect(chainOf('taoyuan', 'agency-items', '2025-01-01').steps).toEqual([
      'UNIT_HEAD@own-unit:endorse',
      'AGENCY_HEAD@own-agency:endorse',
      'REVIEWING_OFFICER@reviewing-agency:approve',
      'TOP_ADMIN@top-admin:apply-to-bureau',
      'BUREAU_OFFICER@bureau:approve',
      'TOP_ADMIN@top-admin:set-up',
    ]);
  });

  it('a commissioned agency needs the commissioning agency’s consent first (Taoyuan 9, synthesised; Taipei 4, from its data)', () => {
    expect(chainOf('taoyuan', 'agency-admin-account', '2025-01-01', true).steps[0]).toBe('AGENCY_HEAD@commissioning-agency:consent');
    expect(chainOf('taipei', 'agency-admin-account', '2020-06-01', true).steps).toEqual([
      'AGENCY_HEAD@commissioning-agency:consent',
      'REVIEWING_OFFICER@reviewing-agency:review',
      'TOP_ADMIN@top-admin:set-up',
    ]);
    expect(chainOf('taipei', 'agency-admin-account', '2020-06-01', false).steps).toEqual(['REVIEWING_OFFICER@reviewing-agency:review', 'TOP_ADMIN@top-admin:set-up']);
    // Tainan and Changhua have no such rule.
    expect(chainOf('tainan', 'agency-admin-account', '2025-01-01', true).steps[0]).toBe('UNIT_HEAD@own-unit:endorse');
  });

  it("for a district office, Taoyuan's commissioning agency reviews instead of the reviewing agency", () => {
    const lookup = rules.at('taoyuan', 'labor-insurance', '2025-01-01');
    if (!lookup.inForce) throw new Error('not in force');
    const chain = resolveChain(lookup.version, lookup.version.applications['agency-items']!, true);
    const review = chain.steps.find((step) => step.action === 'approve' && step.role === 'REVIEWING_OFFICER')!;
    expect(actorsFor(review, place)).toEqual([{ role: 'REVIEWING_OFFICER', agencyId: 'social' }]);
    expect(actorsFor(review, { ...place, commissioningAgencyId: null })).toEqual([{ role: 'REVIEWING_OFFICER', agencyKind: 'REVIEWING' }]);
  });

  it('Changhua: the admin files the change and notifies the e-government platform; Tainan: the top admin or the parent agency’s admin sets up', () => {
    expect(chainOf('changhua', 'agency-admin-account', '2025-01-01')).toEqual({ apply: 'TOP_ADMIN', steps: ['TOP_ADMIN@top-admin:notify-egov-platform'] });
    const lookup = rules.at('tainan', 'health-insurance', '2025-01-01');
    if (!lookup.inForce) throw new Error('not in force');
    const setUp = resolveChain(lookup.version, lookup.version.applications['agency-admin-account']!, false).steps.at(-1)!;
    expect(actorsFor(setUp, place)).toEqual([{ role: 'TOP_ADMIN' }, { role: 'AGENCY_ADMIN', agencyId: 'social' }]);
  });

  it('matches an actor only with the role in the right agency and unit', () => {
    const specs = [{ role: 'UNIT_HEAD' as const, agencyId: 'a', unitId: 'u' }];
    const actor = { accountId: 'x', personId: 'p', roles: ['UNIT_HEAD'], agencyId: 'a', unitId: 'u', agencyKind: 'USING' };
    expect(matchingSpec(actor, specs)).toBeDefined();
    expect(matchingSpec({ ...actor, unitId: 'v' }, specs)).toBeUndefined();
    expect(matchingSpec({ ...actor, agencyId: 'b' }, specs)).toBeUndefined();
    expect(matchingSpec({ ...actor, roles: ['CASEWORKER'] }, specs)).toBeUndefined();
    expect(matchingSpec({ ...actor, roles: ['REVIEWING_OFFICER'], agencyKind: 'USING' }, [{ role: 'REVIEWING_OFFICER', agencyKind: 'REVIEWING' }])).toBeUndefined();
  });
});
