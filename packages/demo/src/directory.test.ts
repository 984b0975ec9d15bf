import { describe, expect, it } from 'vitest';
import { demoAgencies, demoCities, demoId, demoUnits, demoUsers } from './index';

describe('the demo organisation', () => {
  it('derives the same id from the same name, and different ids from different names', () => {
    expect(demoId('taoyuan/account/clerk')).toBe(demoId('taoyuan/account/clerk'));
    expect(demoId('taoyuan/account/clerk')).not.toBe(demoId('tainan/account/clerk'));
    expect(demoId('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('gives every city a top admin, an agency admin, a caseworker, a unit head and an auditor', () => {
    for (const city of demoCities) {
      const roles = demoUsers.filter((user) => user.cityId === city.id).flatMap((user) => user.roles);
      for (const role of ['TOP_ADMIN', 'AGENCY_ADMIN', 'CASEWORKER', 'UNIT_HEAD', 'AUDITOR', 'AGENCY_HEAD', 'REVIEWING_OFFICER', 'IT_OFFICER']) expect(roles).toContain(role);
    }
  });

  it('has unique usernames and ids, and every reference points at a row of the same city', () => {
    expect(new Set(demoUsers.map((user) => user.username)).size).toBe(demoUsers.length);
    expect(new Set(demoUsers.map((user) => user.accountId)).size).toBe(demoUsers.length);
    for (const user of demoUsers) {
      expect(demoAgencies.some((agency) => agency.cityId === user.cityId && agency.key === user.agencyKey)).toBe(true);
      if (user.unitKey) expect(demoUnits.some((unit) => unit.cityId === user.cityId && unit.key === user.unitKey)).toBe(true);
    }
    for (const agency of demoAgencies) {
      if (agency.parentKey) expect(demoAgencies.some((parent) => parent.cityId === agency.cityId && parent.key === agency.parentKey)).toBe(true);
    }
  });

  it('lists parents before children, so seeding in order satisfies foreign keys', () => {
    demoAgencies.forEach((agency, index) => {
      if (!agency.parentKey) return;
      const parentIndex = demoAgencies.findIndex((parent) => parent.cityId === agency.cityId && parent.key === agency.parentKey);
      expect(parentIndex).toBeLessThan(index);
    });
  });
});
