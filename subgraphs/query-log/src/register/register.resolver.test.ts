import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSubject, maskSubject } from '../identifiers/subject';
import { official, startQueryLogFixture, unitOf, type QueryLogFixture, type TestOfficial } from '../testing/query-log-fixture';

const REGISTER = `query ($scope: RegisterScope!, $filter: RegisterFilterInput, $first: Int!, $after: String) {
  queryRegister(scope: $scope, filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { caseNumber account { id } itemKey subjectMasked } } }`;
const CSV = `query ($scope: RegisterScope!, $filter: RegisterFilterInput) { queryRegisterCsv(scope: $scope, filter: $filter) { fileName rowCount csv } }`;

let f: QueryLogFixture;
let unit: ReturnType<typeof unitOf>;
let otherUnitClerk: TestOfficial;
let otherAgencyClerk: TestOfficial;
const DAY = 86_400_000;
const START = Date.parse('2026-10-01T01:00:00.000Z');

/** Records as recordQuery appends them: `count` queries by `who`, one a day from `startDay`. */
async function records(who: TestOfficial, count: number, options: { startDay?: number; item?: string; case?: string; subject?: string; purpose?: string } = {}) {
  const subject = parseSubject('NATIONAL_ID', options.subject ?? 'A123456789', 'subject');
  await f.queryLog.dataSource.transaction(async (manager) => {
    await manager.query(`select set_config('app.city_id', $1, true)`, [who.cityId]);
    for (let index = 0; index < count; index++) {
      const at = new Date(START + ((options.startDay ?? 0) + index) * DAY);
      await f.queryLog.services.chain.append(
        manager,
        who.cityId,
        {
          id: randomUUID(), accountId: who.accountId, agencyId: who.agencyId, unitId: who.unitId, requestId: null, itemKey: options.item ?? 'labor-insurance:C0101:unspecified',
          caseNumber: options.case ?? `CASE-${who.accountId.slice(0, 4)}-${index}`, purpose: options.purpose ?? '社會救助', subjectKind: subject.kind,
          subjectHash: f.queryLog.services.hasher.hash(who.cityId, subject), subjectMasked: maskSubject(subject), legalBasis: '社會救助法', consentDocument: null,
          proxyForAccountId: null, proxyDocumentNumber: null, clientAddress: null, decisionRuleVersion: 'v1', queriedAt: at,
        },
        at,
      );
    }
  });
}

beforeAll(async () => {
  f = await startQueryLogFixture();
  unit = unitOf(f.platform, 'taoyuan');
  otherUnitClerk = official(f.platform, 'taoyuan', ['CASEWORKER'], { agencyId: unit.agencyId });
  otherAgencyClerk = official(f.platform, 'taoyuan', ['CASEWORKER']);
  await records(unit.clerk, 6);
  await records(unit.clerk2, 3, { startDay: 10, item: 'labor-insurance:C0201:unspecified', subject: 'F231231239' });
  await records(unit.clerk2, 1, { startDay: 20, case: 'SPECIAL-1', purpose: '=HYPERLINK("http://evil")' });
  await records(otherUnitClerk, 2);
  await records(otherAgencyClerk, 2);
  // Another city, same account ids: never visible.
  await records({ ...unit.clerk, cityId: 'tainan' }, 2, { item: 'health-insurance:C0101:national-id' });
});
afterAll(async () => {
  await f?.stop();
});

const cases = (result: { data?: any }) => result.data.queryRegister.nodes.map((node: { caseNumber: string }) => node.caseNumber);

describe('who sees which register', () => {
  it('a user sees their own; a unit admin the unit’s; an agency admin the agency’s', async () => {
    const own = await f.client.execute(REGISTER, { scope: 'OWN', first: 50 }, unit.clerk.principal);
    expect(own.data.queryRegister.totalCount).toBe(6);
    const unitWide = await f.client.execute(REGISTER, { scope: 'UNIT', first: 50 }, unit.head.principal);
    expect(unitWide.data.queryRegister.totalCount).toBe(10);
    const agencyWide = await f.client.execute(REGISTER, { scope: 'AGENCY', first: 50 }, unit.agencyAdmin.principal);
    expect(agencyWide.data.queryRegister.totalCount).toBe(12);
  });

  it('refuses the unit’s register to a caseworker and the agency’s to a unit admin', async () => {
    const clerk = await f.client.execute(REGISTER, { scope: 'UNIT', first: 50 }, unit.clerk.principal);
    expect(clerk.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredRoles: ['UNIT_ADMIN'] });
    const head = await f.client.execute(REGISTER, { scope: 'AGENCY', first: 50 }, unit.head.principal);
    expect(head.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const noUnit = official(f.platform, 'taoyuan', ['UNIT_ADMIN'], { agencyId: unit.agencyId, unitId: null });
    expect((await f.client.execute(REGISTER, { scope: 'UNIT', first: 50 }, noUnit.principal)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('an admin of another city with the same agency id sees only that city’s records', async () => {
    const tainanAdmin = { ...unit.agencyAdmin.principal, cityId: 'tainan' };
    const result = await f.client.execute(REGISTER, { scope: 'AGENCY', first: 50 }, tainanAdmin);
    expect(result.data.queryRegister.totalCount).toBe(2);
    expect(result.data.queryRegister.nodes.every((node: { itemKey: string }) => node.itemKey.startsWith('health-insurance:'))).toBe(true);
  });
});

describe('filters and pages', () => {
  it('filters by period, user, item and case number', async () => {
    const admin = unit.agencyAdmin.principal;
    const period = await f.client.execute(REGISTER, { scope: 'AGENCY', first: 50, filter: { from: new Date(START + 2 * DAY).toISOString(), to: new Date(START + 4 * DAY).toISOString() } }, admin);
    expect(period.data.queryRegister.totalCount).toBe(2); // days 2 and 3 of the first clerk; nobody else queried then
    const user = await f.client.execute(REGISTER, { scope: 'AGENCY', first: 50, filter: { accountId: unit.clerk2.accountId } }, admin);
    expect(user.data.queryRegister.totalCount).toBe(4);
    const item = await f.client.execute(REGISTER, { scope: 'AGENCY', first: 50, filter: { itemKey: 'labor-insurance:C0201:unspecified' } }, admin);
    expect(item.data.queryRegister.totalCount).toBe(3);
    const byCase = await f.client.execute(REGISTER, { scope: 'AGENCY', first: 50, filter: { caseNumber: 'SPECIAL-1' } }, admin);
    expect(cases(byCase)).toEqual(['SPECIAL-1']);
  });

  it('filters by subject: the full ID is matched through its keyed hash; a bad ID is refused with the reason', async () => {
    const admin = unit.agencyAdmin.principal;
    const bySubject = await f.client.execute(REGISTER, { scope: 'AGENCY', first: 50, filter: { subjectKind: 'NATIONAL_ID', subject: 'f231231239' } }, admin);
    expect(bySubject.data.queryRegister.totalCount).toBe(3);
    expect(bySubject.data.queryRegister.nodes[0].subjectMasked).toBe('F23*****39');
    const bad = await f.client.execute(REGISTER, { scope: 'AGENCY', first: 50, filter: { subjectKind: 'NATIONAL_ID', subject: 'F231231230' } }, admin);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_NATIONAL_ID', reason: 'CHECKSUM', field: 'filter.subject' });
    const noKind = await f.client.execute(REGISTER, { scope: 'AGENCY', first: 50, filter: { subject: 'F231231239' } }, admin);
    expect(noKind.errors?.[0]?.extensions?.code).toBe('SUBJECT_KIND_REQUIRED');
    const badPeriod = await f.client.execute(REGISTER, { scope: 'OWN', first: 50, filter: { from: '2026-10-05T00:00:00Z', to: '2026-10-01T00:00:00Z' } }, admin);
    expect(badPeriod.errors?.[0]?.extensions?.code).toBe('INVALID_PERIOD');
  });

  it('pages with a cursor, newest first, without repeats', async () => {
    const admin = unit.agencyAdmin.principal;
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const result: any = await f.client.execute(REGISTER, { scope: 'AGENCY', first: 5, after }, admin);
      seen.push(...cases(result));
      after = result.data.queryRegister.pageInfo.endCursor;
      if (!result.data.queryRegister.pageInfo.hasNextPage) break;
    }
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    expect(seen[0]).toBe('SPECIAL-1');
  });
});

describe('CSV export', () => {
  it('exports the filtered register as CSV, masked, with formula cells neutralised', async () => {
    const result = await f.client.execute(CSV, { scope: 'UNIT', filter: { accountId: unit.clerk2.accountId } }, unit.head.principal);
    expect(result.errors).toBeUndefined();
    const { csv, rowCount, fileName } = result.data.queryRegisterCsv;
    expect(rowCount).toBe(4);
    expect(fileName).toMatch(/^query-register-taoyuan-unit-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('sequence,queried_at,recorded_at,account_id,agency_id,unit_id,case_number,purpose,item_key,subject_masked,legal_basis,consent_document,proxy_for_account_id,proxy_document_number,request_id,record_hash');
    expect(lines).toHaveLength(5);
    expect(lines[4]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).toContain('F23*****39');
    expect(csv).not.toContain('F231231239');
  });

  it('refuses the export to those who may not see the register', async () => {
    const result = await f.client.execute(CSV, { scope: 'AGENCY' }, unit.clerk.principal);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
