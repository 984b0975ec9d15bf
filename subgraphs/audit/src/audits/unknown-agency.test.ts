import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrincipal, dataOf, startAuditFixture, type AuditFixture } from '../testing/audit-fixture';
import { ensureQueryLogContract, seedQueryRecords } from '../testing/query-log-contract';

/**
 * An audit of one agency names an agency of the auditor's own city — never another city's agency,
 * nor an id that is no agency: UNKNOWN_AGENCY, and no audit is stored. The agencies come from
 * identity's directory (a stand-in here, holding the agencies of the seeded records).
 */
const DRAW = `mutation ($input: DrawAuditSampleInput!) { drawAuditSample(input: $input) { id agencyId populationCount } }`;
const auditor = (cityId: string) => buildPrincipal(cityId, ['AUDITOR', 'ETHICS_OFFICER']);
const ownAgency = randomUUID();
const otherCityAgency = randomUUID();

let fx: AuditFixture;
beforeAll(async () => {
  fx = await startAuditFixture({ beforeStart: ensureQueryLogContract });
  const records = (cityId: string, agencyId: string) =>
    Array.from({ length: 5 }, (_, i) => ({ cityId, agencyId, accountId: randomUUID(), queriedAt: new Date(Date.parse('2024-02-01T02:00:00Z') + i * 86_400_000) }));
  await seedQueryRecords(fx.db, [...records('changhua', ownAgency), ...records('tainan', otherCityAgency)]);
});
afterAll(async () => {
  await fx?.stop();
});

const auditCount = async () => (await fx.db.query(`select count(*)::int as n from audit.audit`)).rows[0].n;

describe('drawAuditSample and the agency it names', () => {
  it('refuses another city’s agency and an unknown id with UNKNOWN_AGENCY, storing nothing', async () => {
    const before = await auditCount();
    for (const agencyId of [otherCityAgency, randomUUID()]) {
      const result = await fx.execute(DRAW, { input: { periodStart: '2024-01-01', periodEnd: '2024-06-30', agencyId } }, auditor('changhua'));
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_AGENCY', field: 'agencyId' });
      expect(result.errors?.[0]?.message).toMatch(/no agency with this id in your city/);
      expect(result.data ?? null).toBeNull();
    }
    expect(await auditCount()).toBe(before);
  });

  it('draws an audit of an agency of the auditor’s own city', async () => {
    const audit = dataOf(await fx.execute(DRAW, { input: { periodStart: '2024-01-01', periodEnd: '2024-06-30', agencyId: ownAgency } }, auditor('changhua'))).drawAuditSample;
    expect(audit).toMatchObject({ agencyId: ownAgency, populationCount: 5 });
  });
});
