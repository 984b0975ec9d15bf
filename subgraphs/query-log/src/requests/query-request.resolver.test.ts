import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQueryLogFixture, unitOf, official, type QueryLogFixture } from '../testing/query-log-fixture';

const CREATE = `mutation ($input: CreateQueryRequestInput!) { createQueryRequest(input: $input) {
  id caseNumber purpose service itemKeys subjectKind subjectMasked legalBasis consentDocument consentSignedOn preApprovalRequired ruleVersion status
  requester { id } unitId agencyId proxy { onBehalfOf { id } documentNumber authorisedOn } decision { decision } } }`;
const APPROVE = `mutation ($id: ID!, $note: String) { approveQueryRequest(id: $id, note: $note) { id status decision { decision decidedBy { id } decidedAt expiresAt note } } }`;
const REJECT = `mutation ($id: ID!, $reason: String!) { rejectQueryRequest(id: $id, reason: $reason) { id status decision { decision note expiresAt } } }`;
const ONE = `query ($id: ID!) { queryRequest(id: $id) { id status caseNumber } }`;
const MINE = `query ($first: Int!, $after: String) { myQueryRequests(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { caseNumber status } } }`;
const AWAITING = `query { queryRequestsAwaitingMyDecision(first: 50) { totalCount nodes { id caseNumber } } }`;
const CHECK = `query ($kind: SubjectKind!, $value: String!) { checkSubject(kind: $kind, value: $value) { valid code reason message masked } }`;

let f: QueryLogFixture;
beforeAll(async () => {
  f = await startQueryLogFixture();
});
afterAll(async () => {
  await f?.stop();
});

const tainanInput = (overrides: Record<string, unknown> = {}) => ({
  caseNumber: 'TN-2026-0001',
  purpose: '中低收入戶資格審查',
  itemKeys: ['health-insurance:C0101:national-id'],
  subjectKind: 'NATIONAL_ID',
  subject: 'A123456789',
  ...overrides,
});

async function requestCount(): Promise<number> {
  return (await f.db.query(`select count(*)::int as n from query_log.query_request`)).rows[0].n;
}

describe('filing a query request', () => {
  it('stores the subject only as a keyed hash and a masked form, and takes the unit from identity', async () => {
    const tainan = unitOf(f.platform, 'tainan');
    const result = await f.client.execute(CREATE, { input: tainanInput() }, tainan.clerk.principal);
    expect(result.errors).toBeUndefined();
    const request = result.data.createQueryRequest;
    expect(request).toMatchObject({
      caseNumber: 'TN-2026-0001',
      service: 'health-insurance',
      subjectKind: 'NATIONAL_ID',
      subjectMasked: 'A12*****89',
      preApprovalRequired: true, // Tainan 7(一)
      status: 'PENDING',
      requester: { id: tainan.clerk.accountId },
      unitId: tainan.unitId,
      agencyId: tainan.agencyId,
      decision: null,
    });
    const row = (await f.db.query(`select * from query_log.query_request where id = $1`, [request.id])).rows[0];
    expect(row.subject_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain('A123456789');
  });

  it('refuses a bad national ID or business number with the precise reason, and writes nothing', async () => {
    const tainan = unitOf(f.platform, 'tainan');
    const before = await requestCount();
    const checksum = await f.client.execute(CREATE, { input: tainanInput({ subject: 'A123456788' }) }, tainan.clerk.principal);
    expect(checksum.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_NATIONAL_ID', reason: 'CHECKSUM', field: 'subject' });
    const length = await f.client.execute(CREATE, { input: tainanInput({ subject: 'A12345' }) }, tainan.clerk.principal);
    expect(length.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_NATIONAL_ID', reason: 'LENGTH' });
    const taoyuan = unitOf(f.platform, 'taoyuan');
    const business = await f.client.execute(
      CREATE,
      { input: { ...tainanInput(), itemKeys: ['labor-insurance:C0401:business-number'], subjectKind: 'BUSINESS_NUMBER', subject: '04595258', legalBasis: '就業保險法' } },
      taoyuan.clerk.principal,
    );
    expect(business.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_BUSINESS_NUMBER', reason: 'CHECKSUM', field: 'subject' });
    expect(await requestCount()).toBe(before);
  });

  it('refuses a subject of the wrong kind for the item’s lookup key, unknown items and mixed services', async () => {
    const tainan = unitOf(f.platform, 'tainan');
    const wrongKind = await f.client.execute(CREATE, { input: tainanInput({ subjectKind: 'BUSINESS_NUMBER', subject: '04595257' }) }, tainan.clerk.principal);
    expect(wrongKind.errors?.[0]?.extensions).toMatchObject({ code: 'SUBJECT_KIND_MISMATCH', field: 'subjectKind' });
    const unknown = await f.client.execute(CREATE, { input: tainanInput({ itemKeys: ['health-insurance:Z9999:x'] }) }, tainan.clerk.principal);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_ITEM', field: 'itemKeys' });
    const mixed = await f.client.execute(CREATE, { input: tainanInput({ itemKeys: ['health-insurance:C0101:national-id', 'labor-insurance:C0101:unspecified'] }) }, tainan.clerk.principal);
    expect(mixed.errors?.[0]?.extensions).toMatchObject({ code: 'MIXED_SERVICES' });
    const noCase = await f.client.execute(CREATE, { input: tainanInput({ caseNumber: '  ' }) }, tainan.clerk.principal);
    expect(noCase.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_CASE_NUMBER', field: 'caseNumber' });
  });

  it('Taoyuan 4(五)2: needs a legal basis or the citizen’s signed consent; either will do', async () => {
    const taoyuan = unitOf(f.platform, 'taoyuan');
    const input = { caseNumber: 'TY-1', purpose: '急難救助', itemKeys: ['labor-insurance:C0101:unspecified'], subjectKind: 'NATIONAL_ID', subject: 'A123456789' };
    const refused = await f.client.execute(CREATE, { input }, taoyuan.clerk.principal);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'LEGAL_BASIS_OR_CONSENT_REQUIRED', field: 'legalBasis', citation: 'Taoyuan 4(五)2' });
    const withBasis = await f.client.execute(CREATE, { input: { ...input, legalBasis: '社會救助法第44條之2' } }, taoyuan.clerk.principal);
    expect(withBasis.data.createQueryRequest).toMatchObject({ legalBasis: '社會救助法第44條之2', preApprovalRequired: false });
    const withConsent = await f.client.execute(CREATE, { input: { ...input, consent: { documentReference: 'CONSENT-7', signedOn: '2026-11-01' } } }, taoyuan.clerk.principal);
    expect(withConsent.data.createQueryRequest).toMatchObject({ consentDocument: 'CONSENT-7', consentSignedOn: '2026-11-01' });
    const badDate = await f.client.execute(CREATE, { input: { ...input, consent: { documentReference: 'C', signedOn: '2026-02-30' } } }, taoyuan.clerk.principal);
    expect(badDate.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_DATE', field: 'consent.signedOn' });
    const future = await f.client.execute(CREATE, { input: { ...input, consent: { documentReference: 'C', signedOn: '2099-01-01' } } }, taoyuan.clerk.principal);
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_DATE' });
  });

  it('Taipei 6(二): a proxy query needs the written authorisation; other cities’ profiles allow no proxies', async () => {
    const taipei = unitOf(f.platform, 'taipei');
    const input = { caseNumber: 'TP-1', purpose: '身障補助', itemKeys: ['labor-insurance:C0101:unspecified'], subjectKind: 'NATIONAL_ID', subject: 'A123456789' };
    const missing = await f.client.execute(CREATE, { input: { ...input, proxy: { onBehalfOfAccountId: taipei.clerk2.accountId } } }, taipei.clerk.principal);
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'PROXY_AUTHORISATION_REQUIRED', field: 'proxy.documentNumber' });
    const self = await f.client.execute(CREATE, { input: { ...input, proxy: { onBehalfOfAccountId: taipei.clerk.accountId, documentNumber: '北市勞字1', authorisedOn: '2020-12-01' } } }, taipei.clerk.principal);
    expect(self.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_PROXY' });
    const ok = await f.client.execute(CREATE, { input: { ...input, proxy: { onBehalfOfAccountId: taipei.clerk2.accountId, documentNumber: '北市勞字1', authorisedOn: '2020-12-01' } } }, taipei.clerk.principal);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.createQueryRequest.proxy).toEqual({ onBehalfOf: { id: taipei.clerk2.accountId }, documentNumber: '北市勞字1', authorisedOn: '2020-12-01' });
    const changhua = unitOf(f.platform, 'changhua');
    const notAllowed = await f.client.execute(
      CREATE,
      { input: { ...input, proxy: { onBehalfOfAccountId: changhua.clerk2.accountId, documentNumber: 'x', authorisedOn: '2026-01-01' } } },
      changhua.clerk.principal,
    );
    expect(notAllowed.errors?.[0]?.extensions).toMatchObject({ code: 'PROXY_NOT_ALLOWED' });
  });

  it('refuses non-caseworkers, suspended accounts and anonymous callers', async () => {
    const tainan = unitOf(f.platform, 'tainan');
    const head = await f.client.execute(CREATE, { input: tainanInput() }, tainan.head.principal);
    expect(head.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const suspended = official(f.platform, 'tainan', ['CASEWORKER'], { status: 'SUSPENDED' });
    const refused = await f.client.execute(CREATE, { input: tainanInput() }, suspended.principal);
    expect(refused.errors?.[0]?.extensions?.code).toBe('ACCOUNT_NOT_ACTIVE');
    const anonymous = await f.client.execute(CREATE, { input: tainanInput() });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('the supervisor’s decision', () => {
  it('the unit head of the same unit approves; the approval lapses after the profile’s validity (72 h)', async () => {
    const tainan = unitOf(f.platform, 'tainan');
    const { id } = (await f.client.execute(CREATE, { input: tainanInput() }, tainan.clerk.principal)).data.createQueryRequest;
    const awaiting = await f.client.execute(AWAITING, {}, tainan.head.principal);
    expect(awaiting.data.queryRequestsAwaitingMyDecision.nodes.map((n: { id: string }) => n.id)).toEqual([id]);
    const approved = await f.client.execute(APPROVE, { id, note: '同意' }, tainan.head.principal);
    expect(approved.errors).toBeUndefined();
    const decision = approved.data.approveQueryRequest.decision;
    expect(approved.data.approveQueryRequest.status).toBe('APPROVED');
    expect(decision).toMatchObject({ decision: 'APPROVED', decidedBy: { id: tainan.head.accountId }, note: '同意' });
    expect(Date.parse(decision.expiresAt) - Date.parse(decision.decidedAt)).toBe(72 * 3_600_000);
    expect((await f.client.execute(AWAITING, {}, tainan.head.principal)).data.queryRequestsAwaitingMyDecision.totalCount).toBe(0);
    const again = await f.client.execute(REJECT, { id, reason: 'changed my mind' }, tainan.head.principal);
    expect(again.errors?.[0]?.extensions?.code).toBe('REQUEST_ALREADY_DECIDED');
    // An approval past its validity shows as expired.
    await f.db.query(`ALTER TABLE query_log.query_request_decision DISABLE TRIGGER query_request_decision_append_only`);
    await f.db.query(`UPDATE query_log.query_request_decision SET decided_at = decided_at - interval '80 hours', expires_at = expires_at - interval '80 hours' WHERE request_id = $1`, [id]);
    await f.db.query(`ALTER TABLE query_log.query_request_decision ENABLE TRIGGER query_request_decision_append_only`);
    expect((await f.client.execute(ONE, { id }, tainan.clerk.principal)).data.queryRequest.status).toBe('EXPIRED');
  });

  it('never oneself, never the head of another unit, never a caseworker, never another city', async () => {
    const tainan = unitOf(f.platform, 'tainan');
    const headAsClerk = official(f.platform, 'tainan', ['CASEWORKER', 'UNIT_HEAD'], { agencyId: tainan.agencyId, unitId: tainan.unitId });
    const own = (await f.client.execute(CREATE, { input: tainanInput() }, headAsClerk.principal)).data.createQueryRequest;
    const self = await f.client.execute(APPROVE, { id: own.id }, headAsClerk.principal);
    expect(self.errors?.[0]?.extensions?.code).toBe('SELF_APPROVAL_NOT_ALLOWED');

    const { id } = (await f.client.execute(CREATE, { input: tainanInput() }, tainan.clerk.principal)).data.createQueryRequest;
    const otherUnit = await f.client.execute(APPROVE, { id }, tainan.otherHead.principal);
    expect(otherUnit.errors?.[0]?.extensions?.code).toBe('NOT_SUPERVISOR');
    const clerk = await f.client.execute(APPROVE, { id }, tainan.clerk2.principal);
    expect(clerk.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const taoyuanHead = official(f.platform, 'taoyuan', ['UNIT_HEAD'], { agencyId: tainan.agencyId, unitId: tainan.unitId });
    const otherCity = await f.client.execute(APPROVE, { id }, taoyuanHead.principal);
    expect(otherCity.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await f.client.execute(ONE, { id }, taoyuanHead.principal)).data.queryRequest).toBeNull();
    expect((await f.db.query(`select count(*)::int as n from query_log.query_request_decision where request_id = $1`, [id])).rows[0].n).toBe(0);
  });

  it('a rejection needs a reason and is final', async () => {
    const tainan = unitOf(f.platform, 'tainan');
    const { id } = (await f.client.execute(CREATE, { input: tainanInput() }, tainan.clerk.principal)).data.createQueryRequest;
    const noReason = await f.client.execute(REJECT, { id, reason: ' ' }, tainan.head.principal);
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_NOTE', field: 'note' });
    const rejected = await f.client.execute(REJECT, { id, reason: '目的不符' }, tainan.head.principal);
    expect(rejected.data.rejectQueryRequest).toMatchObject({ status: 'REJECTED', decision: { decision: 'REJECTED', note: '目的不符', expiresAt: null } });
  });

  it('two heads deciding at once: exactly one decision is kept', async () => {
    const tainan = unitOf(f.platform, 'tainan');
    const head2 = official(f.platform, 'tainan', ['UNIT_HEAD'], { agencyId: tainan.agencyId, unitId: tainan.unitId });
    const { id } = (await f.client.execute(CREATE, { input: tainanInput() }, tainan.clerk.principal)).data.createQueryRequest;
    const results = await Promise.all([f.client.execute(APPROVE, { id }, tainan.head.principal), f.client.execute(REJECT, { id, reason: 'no' }, head2.principal)]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.find((r) => r.errors)!.errors![0]!.extensions?.code).toBe('REQUEST_ALREADY_DECIDED');
    expect((await f.db.query(`select count(*)::int as n from query_log.query_request_decision where request_id = $1`, [id])).rows[0].n).toBe(1);
  });

  it('lists one’s own requests newest first with a cursor', async () => {
    const tainan = unitOf(f.platform, 'tainan');
    for (const n of [1, 2, 3]) await f.client.execute(CREATE, { input: tainanInput({ caseNumber: `C-${n}` }) }, tainan.clerk.principal);
    const first = await f.client.execute(MINE, { first: 2 }, tainan.clerk.principal);
    expect(first.data.myQueryRequests).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    expect(first.data.myQueryRequests.nodes.map((n: { caseNumber: string }) => n.caseNumber)).toEqual(['C-3', 'C-2']);
    const second = await f.client.execute(MINE, { first: 2, after: first.data.myQueryRequests.pageInfo.endCursor }, tainan.clerk.principal);
    expect(second.data.myQueryRequests.nodes.map((n: { caseNumber: string }) => n.caseNumber)).toEqual(['C-1']);
    const other = await f.client.execute(ONE, { id: randomUUID() }, tainan.clerk.principal);
    expect(other.data.queryRequest).toBeNull();
  });

  it('the tables are append-only for the owner too', async () => {
    await expect(f.db.query(`UPDATE query_log.query_request SET purpose = 'x'`)).rejects.toThrow(/append-only/);
    await expect(f.db.query(`DELETE FROM query_log.query_request_decision`)).rejects.toThrow(/append-only/);
  });
});

describe('checking a subject as it is typed', () => {
  it('gives the reason or the masked form, storing nothing', async () => {
    const clerk = official(f.platform, 'taoyuan', ['CASEWORKER']);
    expect((await f.client.execute(CHECK, { kind: 'NATIONAL_ID', value: 'A123456789' }, clerk.principal)).data.checkSubject).toEqual({ valid: true, code: null, reason: null, message: null, masked: 'A12*****89' });
    expect((await f.client.execute(CHECK, { kind: 'BUSINESS_NUMBER', value: '1234567' }, clerk.principal)).data.checkSubject).toMatchObject({ valid: false, code: 'INVALID_BUSINESS_NUMBER', reason: 'LENGTH' });
  });
});
