import { appendRecords, call as rawCall, loginAs, ok, ownerSql, userOf, type Target } from './cross-city-targets';

/** The attacker's city and the victim's: both allow password login, so the suite runs quickly. */
export const ATTACKER_CITY = 'taoyuan';
export const VICTIM_CITY = 'taipei';
export const ITEM = 'labor-insurance:C0101:unspecified';

export interface Victims {
  account: string;
  adminAccount: string;
  person: string;
  agency: string;
  unit: string;
  agencyGrant: string;
  userGrant: string;
  network: string;
  legalBasis: string;
  businessItem: string;
  serviceAccount: string;
  apiToken: string;
  request: string;
  pendingRequest: string;
  caseNumber: string;
  record: string;
  application: string;
  finding: string;
  investigation: string;
  audit: string;
  review: string;
  /** Null when the demo accounts give the review nothing to decide. */
  reviewRow: string | null;
  handover: string | null;
  task: string | null;
  importJob: string;
  reconciliationRun: string;
  checkpointPayload: string | null;
  checkpointSignature: string | null;
}

export interface Attacker {
  token: (role: string) => Promise<string>;
  refreshToken: string;
  account: string;
  agency: string;
  person: string;
}

export function tokenCache(target: Target, cityId: string) {
  const cache = new Map<string, Promise<{ accessToken: string; refreshToken: string }>>();
  return (role: string) => {
    if (!cache.has(role)) cache.set(role, loginAs(target, userOf(target, cityId, role)));
    return cache.get(role)!;
  };
}

export async function attackerOf(target: Target): Promise<Attacker> {
  const sessions = tokenCache(target, ATTACKER_CITY);
  const clerk = userOf(target, ATTACKER_CITY, 'CASEWORKER');
  const [row] = await ownerSql(target, `select id, agency_id, person_id from identity.account where city_id = $1 and username = $2`, [ATTACKER_CITY, clerk.username]);
  return {
    token: async (role) => (await sessions(role)).accessToken,
    refreshToken: (await sessions('CASEWORKER')).refreshToken,
    account: row.id,
    agency: row.agency_id,
    person: row.person_id,
  };
}

/** A fixture call that may fail (the object is then taken from the database); failures are shown. */
async function call(target: Target, query: string, variables: Record<string, unknown>, token?: string) {
  const result = await rawCall(target, query, variables, token);
  if (result.errors?.length) console.warn(`[cross-city fixtures] ${query.slice(0, 60)}: ${JSON.stringify(result.errors).slice(0, 400)}`);
  return result;
}

const one = async (target: Target, sql: string, params: unknown[] = []): Promise<string> => {
  const [row] = await ownerSql(target, sql, params);
  if (!row) throw new Error(`${target.name}: no victim row for ${sql}`);
  return Object.values(row)[0] as string;
};

/**
 * City B's objects, one of each kind an operation can name, made the way city B's officials make
 * them (through the gateway), or taken from the demo data. Query-log entries for the anomaly scan and
 * the audit are appended to city B's chain as the owner, properly chained and hashed, in 2017 (no
 * other test uses that year), and stay (the register is append-only); `seeded` collects their ids.
 */
export async function createVictims(target: Target, seeded: string[]): Promise<Victims> {
  const sessions = tokenCache(target, VICTIM_CITY);
  const as = async (role: string) => (await sessions(role)).accessToken;
  const city = VICTIM_CITY;
  const clerk = userOf(target, city, 'CASEWORKER');
  const admin = userOf(target, city, 'TOP_ADMIN');
  const [clerkRow] = await ownerSql(target, `select id, agency_id, unit_id, person_id from identity.account where city_id = $1 and username = $2`, [city, clerk.username]);
  const adminAccount = await one(target, `select id from identity.account where city_id = $1 and username = $2`, [city, admin.username]);

  // The query log: a request approved (recording needs grants the demo does not give; the register's entries are seeded below), and one still pending.
  const caseNumber = `VICTIM-${Date.now().toString(36)}`;
  const requestInput = { caseNumber, purpose: '社會救助資格審核', itemKeys: [ITEM], subjectKind: 'NATIONAL_ID', subject: 'A123456789', legalBasis: '社會救助法第44條之2' };
  const CREATE = `mutation ($input: CreateQueryRequestInput!) { createQueryRequest(input: $input) { id } }`;
  const request = (await ok(target, CREATE, { input: requestInput }, await as('CASEWORKER'))).createQueryRequest.id;
  await call(target, `mutation ($id: ID!) { approveQueryRequest(id: $id) { id } }`, { id: request }, await as('UNIT_HEAD'));
  const pendingRequest = (await ok(target, CREATE, { input: { ...requestInput, caseNumber: `${caseNumber}-P` } }, await as('CASEWORKER'))).createQueryRequest.id;

  // Identity: a service account with an API token, an account review.
  const serviceAccount = (
    await ok(
      target,
      `mutation ($input: CreateServiceAccountInput!) { createServiceAccount(input: $input) { id } }`,
      { input: { name: `victim-batch-${Date.now().toString(36)}`, responsiblePersonId: clerkRow.person_id, agencyId: clerkRow.agency_id, roles: ['AUDITOR'], reason: 'cross-city suite fixture' } },
      await as('TOP_ADMIN'),
    )
  ).createServiceAccount.id;
  const apiToken = (
    await ok(
      target,
      `mutation ($input: IssueApiTokenInput!) { issueApiToken(input: $input) { apiToken { id } } }`,
      { input: { serviceAccountId: serviceAccount, name: 'victim token', scopes: ['AUDITOR'], reason: 'cross-city suite fixture' } },
      await as('TOP_ADMIN'),
    )
  ).issueApiToken.apiToken.id;
  const review = await call(target, `mutation { startAccountReview(input: { reason: "cross-city suite fixture" }) { id rows { id } } }`, {}, await as('TOP_ADMIN'));

  // Audit: a night-time query (an anomaly under Taipei's office hours), its finding and investigation; an audit of January 2017.
  seeded.push(
    ...(await appendRecords(target, [
      { cityId: city, accountId: clerkRow.id, agencyId: clerkRow.agency_id, queriedAt: new Date('2017-03-06T21:15:00+08:00') },
      ...['09', '10', '11'].map((day) => ({ cityId: city, accountId: clerkRow.id, agencyId: clerkRow.agency_id, queriedAt: new Date(`2017-01-${day}T10:00:00+08:00`) })),
    ])),
  );
  await ok(target, `mutation { scanForAnomalies(from: "2017-03-01", to: "2017-03-31") { created } }`, {}, await as('AUDITOR'));
  const finding = await one(target, `select id from audit.finding where city_id = $1 order by detected_at desc limit 1`, [city]);
  await call(target, `mutation ($id: ID!) { openInvestigation(findingId: $id) { id } }`, { id: finding }, await as('AUDITOR'));
  const investigation = await one(target, `select id from audit.investigation where city_id = $1 limit 1`, [city]);
  await call(target, `mutation { drawAuditSample(input: { periodStart: "2017-01-01", periodEnd: "2017-01-31" }) { id } }`, {}, await as('AUDITOR'));
  await call(target, `mutation { generateComplianceCalendar(from: "2017-01-01", to: "2017-03-31") { created } }`, {}, await as('TOP_ADMIN'));

  // Query log: a bureau import (for the agency) and a reconciliation of January 2017.
  await call(
    target,
    `mutation ($csv: String!, $agencyId: ID) { importBureauRecords(fileName: "victim.csv", csv: $csv, agencyId: $agencyId) { id } }`,
    { csv: 'x', agencyId: clerkRow.agency_id },
    await as('TOP_ADMIN'),
  );
  await call(target, `mutation ($agencyId: ID) { reconcileMonth(month: "2017-01", agencyId: $agencyId) { id } }`, { agencyId: clerkRow.agency_id }, await as('TOP_ADMIN'));
  const checkpoint = await call(target, `mutation { writeQueryLogCheckpoint { signedPayload signature } }`, {}, await as('TOP_ADMIN'));

  const victims: Victims = {
    account: clerkRow.id,
    adminAccount,
    person: clerkRow.person_id,
    agency: clerkRow.agency_id,
    unit: clerkRow.unit_id,
    agencyGrant: await one(target, `select id from permissions.agency_grant where city_id = $1 limit 1`, [city]),
    userGrant: await one(target, `select id from permissions.user_grant where city_id = $1 limit 1`, [city]),
    network: await one(target, `select id from permissions.agency_network where city_id = $1 and removed_at is null limit 1`, [city]),
    legalBasis: await one(target, `select id from permissions.legal_basis where city_id = $1 limit 1`, [city]),
    businessItem: await one(target, `select id from permissions.business_item where city_id = $1 limit 1`, [city]),
    serviceAccount,
    apiToken,
    request,
    pendingRequest,
    caseNumber,
    record: seeded[0]!,
    application: await pendingApplication(target, clerkRow),
    finding,
    investigation,
    audit: await one(target, `select id from audit.audit where city_id = $1 limit 1`, [city]),
    review: review.data?.startAccountReview.id ?? (await one(target, `select id from identity.account_review where city_id = $1 limit 1`, [city])),
    reviewRow: (await ownerSql(target, `select id from identity.account_review_row where city_id = $1 limit 1`, [city]))[0]?.id ?? null,
    handover: (await ownerSql(target, `select id from identity.admin_handover where city_id = $1 limit 1`, [city]))[0]?.id ?? null,
    task: (await ownerSql(target, `select id from audit.compliance_task where city_id = $1 limit 1`, [city]))[0]?.id ?? null,
    importJob: await one(target, `select id from query_log.bureau_import_job where city_id = $1 limit 1`, [city]),
    reconciliationRun: await one(target, `select id from query_log.reconciliation_run where city_id = $1 limit 1`, [city]),
    checkpointPayload: checkpoint.data?.writeQueryLogCheckpoint?.signedPayload ?? null,
    checkpointSignature: checkpoint.data?.writeQueryLogCheckpoint?.signature ?? null,
  };
  return victims;
}

/**
 * Taipei's rules were repealed in 2021, so Taipei files no new applications: its pending application
 * (as one filed before the repeal would be) is written as the owner.
 */
async function pendingApplication(target: Target, clerk: { id: string; agency_id: string; unit_id: string; person_id: string }): Promise<string> {
  const existing = await ownerSql(target, `select id from permissions.application where city_id = $1 and status = 'PENDING' limit 1`, [VICTIM_CITY]);
  if (existing[0]) return existing[0].id;
  const [row] = await ownerSql(
    target,
    `insert into permissions.application (id, city_id, kind, operation, status, service, rule_version_id, applicant_account_id, applicant_person_id, agency_id, unit_id, agency_kind,
       subject_account_id, subject_person_id, items_to_remove, reason, personal_data_acknowledged, steps, current_step, submitted_at)
     values (gen_random_uuid(), $1, 'user-account', 'change', 'PENDING', 'labor-insurance', 'taipei-labor-insurance-2020', $2, $3, $4, $5, 'social',
       $2, $3, array[$6], 'cross-city suite fixture', true, '[{"role":"UNIT_HEAD","action":"APPROVE","state":"PENDING"}]'::jsonb, 0, '2020-06-01T02:00:00Z')
     returning id`,
    [VICTIM_CITY, clerk.id, clerk.person_id, clerk.agency_id, clerk.unit_id, ITEM],
  );
  return row.id;
}

/** Strings that must never appear in anything city A is answered: city B's object ids, usernames and case numbers. */
export function leakMarkers(victims: Victims, target: Target): string[] {
  const ids = Object.values(victims).filter((value): value is string => typeof value === 'string' && /^[0-9a-f-]{36}$/.test(value));
  return [...ids, victims.caseNumber, ...target.users.filter((u) => u.cityId === VICTIM_CITY).map((u) => u.username)];
}
