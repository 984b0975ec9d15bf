import { demoAgencyId, demoUsers } from '@custos/demo';
import { beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../support/gateway-client';
import { demoUser, ownerQuery } from '../support/platform';
import { APPROVE, CREATE_REQUEST, fileRequest, ITEM, record, requestInput, tokenOf } from './query-log-helpers';

/** Taipei's rules were repealed on 2021-01-14: its queries are entered with dates while they were in force, in office hours. */
const TAIPEI_QUERIED_AT = '2020-12-01T02:00:00.000Z'; // a Tuesday, 10:00 in Taipei

beforeAll(async () => {
  // The test machine (loopback) stands for Taipei's social agency's office network since 2020 (Taipei 6(三): office premises only).
  await ownerQuery(
    `INSERT INTO permissions.agency_network (id, city_id, agency_id, network, label, added_at) VALUES (gen_random_uuid(), 'taipei', $1, '127.0.0.0/8', 'e2e test machine', '2020-01-01T00:00:00Z')`,
    [demoAgencyId('taipei', 'social')],
  );
});

describe('request, approval and record through the gateway', () => {
  for (const cityId of ['taipei', 'taoyuan', 'changhua', 'tainan']) {
    it(`a ${cityId} caseworker requests, the unit head approves, the caseworker records the query`, async () => {
      const requestId = await fileRequest(cityId, { approve: true });
      const result = await record(cityId, requestId, cityId === 'taipei' ? { queriedAt: TAIPEI_QUERIED_AT } : {});
      expect(result.errors).toBeUndefined();
      expect(result.data.recordQuery).toMatchObject({ itemKey: ITEM[cityId], subjectMasked: 'A12*****89' });
      expect(result.data.recordQuery.decisionRuleVersion).toBeTruthy();
      const [row] = await ownerQuery(`select city_id, account_id, subject_hash, client_address from query_log.query_record where id = $1`, [result.data.recordQuery.id]);
      expect(row).toMatchObject({ city_id: cityId, account_id: demoUsers.find((user) => user.username === demoUser(cityId, 'CASEWORKER').username)!.accountId });
      expect(JSON.stringify(row)).not.toContain('A123456789');
      const mine = await gql(`{ myQueryRecords(first: 5) { nodes { id } } }`, {}, await tokenOf(cityId, 'CASEWORKER'));
      expect(mine.data.myQueryRecords.nodes.map((node: { id: string }) => node.id)).toContain(result.data.recordQuery.id);
    });
  }
});

describe('every refusal, with its reasons', () => {
  it('Taipei refuses labor-insurance queries dated after 2021-01-14, citing the repeal', async () => {
    const requestId = await fileRequest('taipei', { approve: true });
    const result = await record('taipei', requestId, { queriedAt: '2021-03-02T02:00:00.000Z' });
    expect(result.errors?.[0]?.extensions?.code).toBe('QUERY_REFUSED');
    const reasons = result.errors![0]!.extensions!.reasons as Array<{ code: string; citation: string | null; message: string }>;
    expect(reasons).toContainEqual(expect.objectContaining({ code: 'RULES_NOT_IN_FORCE', citation: 'Taipei 沿革' }));
    expect(result.errors?.[0]?.message).toMatch(/repealed on 2021-01-14/);
  });

  it('Changhua 5(一) and Tainan 7(一): no record before the supervisor approves', async () => {
    for (const cityId of ['changhua', 'tainan']) {
      const requestId = await fileRequest(cityId);
      const result = await record(cityId, requestId);
      expect(result.errors?.[0]?.extensions?.code).toBe('QUERY_REFUSED');
      expect((result.errors![0]!.extensions!.reasons as Array<{ code: string }>).map((reason) => reason.code)).toContain('PRE_APPROVAL_REQUIRED');
    }
  });

  it('an item the caseworker holds no grant for is refused by the permissions decision', async () => {
    const requestId = await fileRequest('taoyuan', { overrides: { itemKeys: ['labor-insurance:B0301:unspecified'] } });
    const result = await gql(
      `mutation ($input: RecordQueryInput!) { recordQuery(input: $input) { id } }`,
      { input: { requestId, itemKey: 'labor-insurance:B0301:unspecified' } },
      await tokenOf('taoyuan', 'CASEWORKER'),
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('QUERY_REFUSED');
    expect((result.errors![0]!.extensions!.reasons as Array<{ code: string }>).map((reason) => reason.code)).toContain('GRANT_NOT_HELD');
  });

  it('Taipei 6(三): a query from outside the office network is refused', async () => {
    // Remove the test machine's network from a fresh agency's view: the district office has no networks at all.
    const requestId = await fileRequest('taipei', { approve: true });
    await ownerQuery(`UPDATE permissions.agency_network SET removed_at = '2020-06-01T00:00:00Z' WHERE city_id = 'taipei' AND network = '127.0.0.0/8' AND removed_at IS NULL`);
    try {
      const result = await record('taipei', requestId, { queriedAt: TAIPEI_QUERIED_AT });
      expect((result.errors?.[0]?.extensions?.reasons as Array<{ code: string }>).map((reason) => reason.code)).toContain('OUTSIDE_OFFICE_NETWORK');
    } finally {
      await ownerQuery(`UPDATE permissions.agency_network SET removed_at = NULL WHERE city_id = 'taipei' AND network = '127.0.0.0/8'`);
    }
  });

  it('Taipei 6(三): a query outside office hours is refused', async () => {
    const requestId = await fileRequest('taipei', { approve: true });
    const result = await record('taipei', requestId, { queriedAt: '2020-12-01T14:00:00.000Z' }); // 22:00 in Taipei
    expect((result.errors?.[0]?.extensions?.reasons as Array<{ code: string }>).map((reason) => reason.code)).toContain('OUTSIDE_OFFICE_HOURS');
  });

  it('Taoyuan 4(五)2: a request needs a legal basis or the citizen’s consent; bad IDs are refused with the reason', async () => {
    const token = await tokenOf('taoyuan', 'CASEWORKER');
    const noBasis = await gql(CREATE_REQUEST, { input: requestInput('taoyuan', { legalBasis: null }) }, token);
    expect(noBasis.errors?.[0]?.extensions).toMatchObject({ code: 'LEGAL_BASIS_OR_CONSENT_REQUIRED', citation: 'Taoyuan 4(五)2' });
    const badId = await gql(CREATE_REQUEST, { input: requestInput('taoyuan', { subject: 'A123456780' }) }, token);
    expect(badId.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_NATIONAL_ID', reason: 'CHECKSUM', field: 'subject' });
  });

  it('a caseworker cannot approve their own request, and another city cannot see it', async () => {
    const requestId = await fileRequest('tainan');
    const own = await gql(APPROVE, { id: requestId }, await tokenOf('tainan', 'CASEWORKER'));
    expect(own.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const elsewhere = await gql(APPROVE, { id: requestId }, await tokenOf('taoyuan', 'UNIT_HEAD'));
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('tamper evidence through the gateway', () => {
  it('the auditor verifies the city’s register and sees it intact; the database owner’s change is reported', async () => {
    const requestId = await fileRequest('taoyuan');
    const recorded = await record('taoyuan', requestId);
    expect(recorded.errors).toBeUndefined();
    const auditor = await tokenOf('taoyuan', 'AUDITOR');
    const VERIFY = `{ verifyQueryLog { ok checkedRecords firstProblem { kind sequence } } }`;
    const intact = await gql(VERIFY, {}, auditor);
    expect(intact.data.verifyQueryLog.ok).toBe(true);
    const sequence = recorded.data.recordQuery.sequence;
    await ownerQuery('ALTER TABLE query_log.query_record DISABLE TRIGGER query_record_append_only');
    try {
      await ownerQuery(`UPDATE query_log.query_record SET case_number = 'REWRITTEN' WHERE city_id = 'taoyuan' AND sequence = $1`, [sequence]);
      const broken = await gql(VERIFY, {}, auditor);
      expect(broken.data.verifyQueryLog).toMatchObject({ ok: false, firstProblem: { kind: 'ALTERED_RECORD', sequence } });
    } finally {
      await ownerQuery(`UPDATE query_log.query_record SET case_number = $2 WHERE city_id = 'taoyuan' AND sequence = $1`, [sequence, recorded.data.recordQuery.caseNumber]);
      await ownerQuery('ALTER TABLE query_log.query_record ENABLE TRIGGER query_record_append_only');
    }
    expect((await gql(VERIFY, {}, auditor)).data.verifyQueryLog.ok).toBe(true);
  });
});
