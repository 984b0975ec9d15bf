import { randomBytes } from 'node:crypto';
import type { AccountPrincipal } from '@custos/auth';
import { demoAgencyId, demoUsers } from '@custos/demo';
import { toTaiwanDate } from '@custos/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPrincipal, startIdentityFixture, testNationalId, type IdentityFixture } from '../testing/identity-fixture';
import { addDays } from '../validation';

const START = `mutation ($input: StartAccountReviewInput!) { startAccountReview(input: $input) { id status checks checksCitation idleDays idleCitation retainUntil retentionCitation } }`;
const REVIEW = `query ($id: ID!) { accountReview(id: $id) { id status retainUntil rows { id findings otherAccountUsernames decision decisionReason account { username status } decidedByAccount { username } } } }`;
const DECIDE = `mutation ($input: AccountReviewDecisionInput!) { decideAccountReviewRow(input: $input) { id decision decisionReason } }`;
const COMPLETE = `mutation ($id: ID!) { completeAccountReview(reviewId: $id) { id status completedAt retainUntil } }`;
const CREATE = `mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id username person { id } } }`;
const DUTY = `mutation ($input: DutyChangeInput!) { recordDutyChange(input: $input) { revokeOn } }`;

const today = toTaiwanDate(new Date());
let serial = 0;

let fixture: IdentityFixture;
let secondTopAdmin: AccountPrincipal;
let reviewId: string;
let rowsByUsername: Map<string, { id: string; findings: string[]; otherAccountUsernames: string[] }>;

async function create(input: Record<string, unknown>, actor = 'changhua.admin') {
  const result = await fixture.client.execute(CREATE, { input: { agencyId: demoAgencyId('changhua', 'social'), roles: ['IT_OFFICER'], reason: 'set-up', ...input } }, demoPrincipal(actor));
  expect(result.errors).toBeUndefined();
  return result.data.createAccount as { id: string; username: string; person: { id: string } };
}
const newPerson = (overrides: Record<string, unknown> = {}) => ({
  displayName: `Reviewed ${serial}`,
  nationalId: testNationalId(9000 + serial++),
  myEGovAccountId: `m${serial}`,
  certificateFingerprint: randomBytes(32).toString('hex'),
  ...overrides,
});

beforeAll(async () => {
  fixture = await startIdentityFixture({ certificateUsers: [] });
  // A person with two live accounts (duplicate), a vendor, someone moving, and idle accounts.
  const first = await create({ person: newPerson(), username: 'changhua.twice1' });
  await create({ personId: first.person.id, username: 'changhua.twice2', agencyId: demoAgencyId('changhua', 'district') });
  await create({ person: newPerson({ isVendorStaff: true }), username: 'changhua.vendor' });
  const mover = await create({ person: newPerson(), username: 'changhua.mover', roles: ['CASEWORKER'] });
  await fixture.client.execute(DUTY, { input: { personId: mover.person.id, kind: 'MOVED', effectiveOn: addDays(today, 20), reason: '調職' } }, demoPrincipal('changhua.admin'));
  const other = await create({ person: newPerson(), username: 'changhua.admin2', agencyId: demoAgencyId('changhua', 'governing'), roles: ['TOP_ADMIN'] });
  secondTopAdmin = { kind: 'account', accountId: other.id, personId: other.person.id, cityId: 'changhua', agencyId: demoAgencyId('changhua', 'governing'), roles: ['TOP_ADMIN'] };
  // Idle: no login for longer than the profile's 180 days (Changhua 6(一) names no period: a platform default).
  await fixture.db.query(`update identity.account set last_login_at = now() - interval '200 days' where username in ('changhua.head', 'changhua.admin')`);
  await fixture.db.query(`update identity.account set last_login_at = now() - interval '100 days' where username = 'changhua.auditor'`);
});
afterAll(() => fixture?.stop());

describe('the annual account review (Changhua 6(一))', () => {
  it('lists duplicate, idle, moved and vendor accounts, with the profile’s checks, idle days and retention', async () => {
    const started = await fixture.client.execute(START, { input: { reason: '2026 annual account review' } }, demoPrincipal('changhua.admin'));
    expect(started.errors).toBeUndefined();
    expect(started.data.startAccountReview).toMatchObject({
      status: 'OPEN',
      checks: ['duplicate', 'idle', 'role-changed', 'departed'],
      checksCitation: 'Changhua 6(一)',
      idleDays: 180,
      retainUntil: `${Number(today.slice(0, 4)) + 5}${today.slice(4)}`,
      retentionCitation: 'Changhua 6(一)',
    });
    reviewId = started.data.startAccountReview.id;
    const review = (await fixture.client.execute(REVIEW, { id: reviewId }, demoPrincipal('changhua.auditor'))).data.accountReview;
    rowsByUsername = new Map(review.rows.map((row: { account: { username: string } }) => [row.account.username, row]));
    expect(Object.fromEntries([...rowsByUsername].map(([username, row]) => [username, row.findings]))).toEqual({
      'changhua.twice1': ['DUPLICATE'],
      'changhua.twice2': ['DUPLICATE'],
      'changhua.vendor': ['VENDOR'],
      'changhua.mover': ['MOVED'],
      'changhua.head': ['IDLE'],
      'changhua.admin': ['IDLE'],
    });
    expect(rowsByUsername.get('changhua.twice1')!.otherAccountUsernames).toEqual(['changhua.twice2']);
  });

  it('the reviewer keeps or revokes each row with a reason; a revoke takes effect at once; nobody decides their own row', async () => {
    const decide = (username: string, decision: string, reason: string, actor: AccountPrincipal = demoPrincipal('changhua.admin')) =>
      fixture.client.execute(DECIDE, { input: { rowId: rowsByUsername.get(username)!.id, decision, reason } }, actor);
    expect((await decide('changhua.vendor', 'REVOKE', 'vendor staff may not hold an account')).data.decideAccountReviewRow).toMatchObject({ decision: 'REVOKE' });
    expect((await decide('changhua.twice2', 'REVOKE', 'duplicate of twice1')).errors).toBeUndefined();
    expect((await decide('changhua.twice1', 'KEEP', 'the remaining account')).errors).toBeUndefined();
    expect((await decide('changhua.mover', 'KEEP', 'revoked on the move date already')).errors).toBeUndefined();
    expect((await decide('changhua.head', 'KEEP', 'on long leave, returns next month')).errors).toBeUndefined();
    const missingReason = await decide('changhua.admin', 'KEEP', ' ');
    expect(missingReason.errors?.[0]?.extensions).toMatchObject({ code: 'REASON_REQUIRED', field: 'reason' });
    const own = await decide('changhua.admin', 'KEEP', 'I am still here');
    expect(own.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SELF_CHANGE' });
    const again = await decide('changhua.vendor', 'KEEP', 'changed my mind');
    expect(again.errors?.[0]?.extensions?.code).toBe('ALREADY_DECIDED');
    const otherCity = await decide('changhua.head', 'REVOKE', 'x', demoPrincipal('tainan.admin'));
    expect(otherCity.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const agencyAdmin = await decide('changhua.admin', 'KEEP', 'x', demoPrincipal('changhua.agencyadmin'));
    expect(agencyAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const statuses = (await fixture.db.query(`select username, status from identity.account where username in ('changhua.vendor', 'changhua.twice2', 'changhua.twice1') order by username`)).rows;
    expect(statuses).toEqual([
      { username: 'changhua.twice1', status: 'ACTIVE' },
      { username: 'changhua.twice2', status: 'REVOKED' },
      { username: 'changhua.vendor', status: 'REVOKED' },
    ]);
  });

  it('completes only when every row is decided, and is then kept unchanged until its retention date', async () => {
    const early = await fixture.client.execute(COMPLETE, { id: reviewId }, demoPrincipal('changhua.admin'));
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'REVIEW_INCOMPLETE', undecided: 1 });
    // Another top admin decides the first admin's own row.
    const other = await fixture.client.execute(DECIDE, { input: { rowId: rowsByUsername.get('changhua.admin')!.id, decision: 'KEEP', reason: 'the county’s admin' } }, secondTopAdmin);
    expect(other.errors).toBeUndefined();
    const done = await fixture.client.execute(COMPLETE, { id: reviewId }, demoPrincipal('changhua.admin'));
    expect(done.data.completeAccountReview).toMatchObject({ status: 'COMPLETED' });
    const late = await fixture.client.execute(DECIDE, { input: { rowId: rowsByUsername.get('changhua.head')!.id, decision: 'REVOKE', reason: 'x' } }, demoPrincipal('changhua.admin'));
    expect(late.errors?.[0]?.extensions?.code).toBe('REVIEW_COMPLETED');
    // Even the owner cannot rewrite or delete it before its retention date.
    await expect(fixture.db.query(`update identity.account_review_row set decision_reason = 'rewritten' where review_id = $1`, [reviewId])).rejects.toThrow(/cannot be changed/);
    await expect(fixture.db.query(`update identity.account_review set reason = 'rewritten' where id = $1`, [reviewId])).rejects.toThrow(/cannot be changed/);
    await expect(fixture.db.query(`delete from identity.account_review_row where review_id = $1`, [reviewId])).rejects.toThrow(/kept until/);
    await expect(fixture.db.query(`delete from identity.account_review where id = $1`, [reviewId])).rejects.toThrow(/kept until/);
    const review = (await fixture.client.execute(REVIEW, { id: reviewId }, demoPrincipal('changhua.auditor'))).data.accountReview;
    expect(review.rows.every((row: { decision: string | null }) => row.decision)).toBe(true);
    expect(review.rows.find((row: { account: { username: string } }) => row.account.username === 'changhua.admin').decidedByAccount.username).toBe('changhua.admin2');
    const history = (await fixture.db.query(`select action from identity.change_record where entity_id = $1 order by position`, [reviewId])).rows.map((row) => row.action);
    expect(history[0]).toBe('ACCOUNT_REVIEW_STARTED');
    expect(history.at(-1)).toBe('ACCOUNT_REVIEW_COMPLETED');
    expect(history.filter((action) => action === 'ACCOUNT_REVIEW_DECIDED')).toHaveLength(6);
  });

  it('an agency admin reviews their own scope only; a caseworker starts nothing; another city reads nothing', async () => {
    // Tainan 4(二)3: the agency admin's scope includes the district office below it.
    await fixture.db.query(`update identity.account set last_login_at = now() - interval '400 days' where city_id = 'tainan'`);
    const started = await fixture.client.execute(START, { input: { reason: 'Tainan 4(二)1 review' } }, demoPrincipal('tainan.agencyadmin'));
    const review = (await fixture.client.execute(REVIEW, { id: started.data.startAccountReview.id }, demoPrincipal('tainan.agencyadmin'))).data.accountReview;
    const usernames = review.rows.map((row: { account: { username: string } }) => row.account.username).sort();
    // Everyone in the social affairs agency and below it; not the top admin nor the reviewing agency's officer.
    expect(usernames).toEqual(
      demoUsers.filter((user) => user.cityId === 'tainan' && ['social', 'district'].includes(user.agencyKey)).map((user) => user.username).sort(),
    );
    expect(usernames).toContain('tainan.clerk');
    expect(usernames).not.toContain('tainan.admin');
    expect(usernames).not.toContain('tainan.reviewer');
    const twice = await fixture.client.execute(START, { input: { reason: 'again' } }, demoPrincipal('tainan.agencyadmin'));
    expect(twice.errors?.[0]?.extensions?.code).toBe('REVIEW_ALREADY_OPEN');
    expect((await fixture.client.execute(START, { input: { reason: 'x' } }, demoPrincipal('tainan.clerk'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await fixture.client.execute(REVIEW, { id: reviewId }, demoPrincipal('tainan.auditor'))).data.accountReview).toBeNull();
  });
});
