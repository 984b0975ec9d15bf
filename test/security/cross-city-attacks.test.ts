import { startPlatform, type RunningPlatform } from '@custos/platform';
import { dropDatabase } from '@custos/postgres';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kind, parse, print, type FieldDefinitionNode, type InterfaceTypeDefinitionNode, type ObjectTypeDefinitionNode, type TypeNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platform } from '../support/platform';
import { ATTACKER_CITY, VICTIM_CITY, attackerOf, createVictims, leakMarkers, type Attacker, type Victims } from './cross-city-fixtures';
import { call, certificateLoginInput, cityTables, loginAs, ownerSql, snapshotCity, userOf, type Target } from './cross-city-targets';

/**
 * The cross-city attack suite. A user of city A (Taoyuan) tries every query and mutation of the
 * supergraph against city B's (Taipei's) objects: by id, by filter, and through every nested field the
 * answer can carry. Every attempt must be refused (FORBIDDEN / NOT_FOUND) or answer nothing of city B,
 * and must change nothing of city B: every city table's rows (count and digest) and the query log's
 * hash-chain head are compared before and after each attempt.
 *
 * The operations come from gateway/supergraph.graphql: an operation without an entry in ATTACKS fails
 * the suite, so a new operation must be given its attack here.
 *
 * Then the same attacks run against a second platform started with CUSTOS_TEST_RLS_ALONE=1 (see
 * packages/tenancy/src/rls-alone.ts), where the application's own city predicates are no-ops: row-level
 * security alone must still stop every attempt.
 */

const SUPERGRAPH = parse(readFileSync(new URL('../../gateway/supergraph.graphql', import.meta.url), 'utf8'));

type Outcome =
  /** An error whose code says no (FORBIDDEN, NOT_FOUND or the entry's own codes), and no data. */
  | 'refused'
  /** Refused, or answered with null / an empty list. */
  | 'absent'
  /** The operation acts in the caller's own city only (it names nothing of city B): whatever it answers must hold nothing of city B. */
  | 'own-city';

interface Attempt {
  /** What the attempt tries, for the test's name. */
  how: string;
  as: string;
  /** Arguments of the operation (sent as variables). Omitted arguments are left out. */
  args: (v: Victims, a: Attacker, t: Target) => Record<string, unknown> | Promise<Record<string, unknown>>;
  expect: Outcome;
  /** Further error codes that count as a refusal for this operation. */
  codes?: RegExp;
  /** Sent without a token (pre-login operations). */
  anonymous?: boolean;
}

/** Refusals: forbidden, or no such object (UNKNOWN_AGENCY, UNKNOWN_PERSON, …_NOT_FOUND) in the caller's city. */
const REFUSAL = /FORBIDDEN|NOT_FOUND|^UNKNOWN_/;
const day = '2026-11-20';

const ATTACKS: Record<string, Attempt[]> = {
  // ---------------------------------------------------------------- queries: audit
  'Query.findings': [{ how: 'lists findings (by filter)', as: 'AUDITOR', args: () => ({ rule: 'OUTSIDE_OFFICE_HOURS', from: '2017-01-01', to: '2017-12-31' }), expect: 'own-city' }],
  'Query.finding': [{ how: 'reads a finding by id', as: 'AUDITOR', args: (v) => ({ id: v.finding }), expect: 'absent' }],
  'Query.investigation': [{ how: 'reads an investigation by id', as: 'AUDITOR', args: (v) => ({ id: v.investigation }), expect: 'absent' }],
  'Query.audits': [{ how: 'lists audits of the period of B’s audit', as: 'AUDITOR', args: () => ({ periodFrom: '2017-01-01', periodTo: '2017-01-31' }), expect: 'own-city' }],
  'Query.audit': [{ how: 'reads an audit by id', as: 'AUDITOR', args: (v) => ({ id: v.audit }), expect: 'absent' }],
  'Query.verifyAuditSample': [{ how: 'verifies B’s audit sample', as: 'AUDITOR', args: (v) => ({ auditId: v.audit }), expect: 'refused' }],
  'Query.findingsCsv': [{ how: 'exports findings (by filter)', as: 'AUDITOR', args: () => ({ from: '2017-01-01', to: '2017-12-31' }), expect: 'own-city' }],
  'Query.auditExport': [{ how: 'exports B’s audit', as: 'AUDITOR', args: (v) => ({ auditId: v.audit }), expect: 'refused' }],
  'Query.auditRecordPdf': [{ how: 'prints B’s audit record', as: 'AUDITOR', args: (v) => ({ auditId: v.audit }), expect: 'refused' }],
  'Query.auditArchive': [{ how: 'downloads B’s audit archive', as: 'AUDITOR', args: (v) => ({ auditId: v.audit }), expect: 'refused' }],
  'Query.destructionLog': [{ how: 'reads the destruction log', as: 'TOP_ADMIN', args: () => ({}), expect: 'own-city' }],
  'Query.changeTrail': [
    { how: 'reads the audit trail of B’s account (by filter)', as: 'AUDITOR', args: (v) => ({ first: 200, rowId: v.account }), expect: 'absent' },
    { how: 'reads the whole audit trail', as: 'AUDITOR', args: () => ({ first: 500 }), expect: 'own-city' },
  ],
  'Query.findingCounts': [{ how: 'counts findings of B’s period (by filter)', as: 'AUDITOR', args: () => ({ filter: { from: '2017-01-01T00:00:00Z', to: '2017-12-31T00:00:00Z' } }), expect: 'own-city' }],
  'Query.overdueTaskCounts': [{ how: 'counts overdue tasks (its own city)', as: 'TOP_ADMIN', args: () => ({}), expect: 'own-city' }],
  'Query.complianceTasks': [{ how: 'lists compliance tasks of B’s period', as: 'AUDITOR', args: () => ({ dueFrom: '2017-01-01', dueTo: '2017-12-31' }), expect: 'own-city' }],
  'Query.bureauAudits': [
    { how: 'reads B’s audits as a city user with no cross-city reach (by filter)', as: 'AUDITOR', args: () => ({ first: 100, filter: { cityIds: [VICTIM_CITY], periodFrom: '2017-01-01' } }), expect: 'refused' },
  ],
  'Query.bureauAudit': [{ how: 'reads B’s audit by id as a city user with no cross-city reach', as: 'AUDITOR', args: (v) => ({ cityId: VICTIM_CITY, id: v.audit }), expect: 'refused' }],
  'Query.bureauFindings': [
    { how: 'reads B’s findings as a city user with no cross-city reach (by filter)', as: 'AUDITOR', args: () => ({ first: 100, filter: { cityIds: [VICTIM_CITY], from: '2017-01-01' } }), expect: 'refused' },
  ],
  'Query.bureauAuditRequests': [{ how: 'lists the bureaus’ audit requests to B as a city admin', as: 'TOP_ADMIN', args: () => ({ first: 100, filter: { cityIds: [VICTIM_CITY] } }), expect: 'refused' }],
  'Query.auditCrossCityReads': [{ how: 'lists the bureaus’ reads of audit records (of its own city only)', as: 'TOP_ADMIN', args: () => ({ first: 100 }), expect: 'own-city' }],
  // ---------------------------------------------------------------- queries: identity
  'Query.me': [{ how: 'reads itself through every nested field', as: 'TOP_ADMIN', args: () => ({}), expect: 'own-city' }],
  'Query.accounts': [{ how: 'lists accounts', as: 'TOP_ADMIN', args: () => ({ first: 100 }), expect: 'own-city' }],
  'Query.account': [{ how: 'reads an account by id', as: 'TOP_ADMIN', args: (v) => ({ id: v.account }), expect: 'absent' }],
  'Query.agencies': [{ how: 'lists agencies', as: 'TOP_ADMIN', args: () => ({}), expect: 'own-city' }],
  'Query.identityChanges': [{ how: 'reads the change history of B’s account (by filter)', as: 'TOP_ADMIN', args: (v) => ({ entityId: v.account, first: 100 }), expect: 'own-city' }],
  'Query.cities': [{ how: 'lists cities with their nested fields', as: 'CASEWORKER', args: () => ({}), expect: 'own-city' }],
  'Query.adminHandovers': [{ how: 'lists admin handovers', as: 'TOP_ADMIN', args: () => ({ first: 100 }), expect: 'own-city' }],
  'Query.adminHandover': [{ how: 'reads a handover by id', as: 'TOP_ADMIN', args: (v) => ({ id: v.handover ?? v.account }), expect: 'absent' }],
  'Query.accountReviews': [{ how: 'lists account reviews', as: 'TOP_ADMIN', args: () => ({ first: 100 }), expect: 'own-city' }],
  'Query.accountReview': [{ how: 'reads a review by id', as: 'TOP_ADMIN', args: (v) => ({ id: v.review }), expect: 'absent' }],
  'Query.serviceAccounts': [{ how: 'lists service accounts', as: 'TOP_ADMIN', args: () => ({}), expect: 'own-city' }],
  // ---------------------------------------------------------------- queries: permissions
  'Query.myGrants': [{ how: 'reads its grants', as: 'CASEWORKER', args: () => ({}), expect: 'own-city' }],
  'Query.queryItems': [{ how: 'reads the item catalogue', as: 'CASEWORKER', args: () => ({ service: 'labor-insurance' }), expect: 'own-city' }],
  'Query.legalBases': [{ how: 'lists legal bases', as: 'TOP_ADMIN', args: () => ({}), expect: 'own-city' }],
  'Query.businessItems': [{ how: 'lists business items of B’s agency (by filter)', as: 'TOP_ADMIN', args: (v) => ({ first: 100, agencyId: v.agency }), expect: 'own-city' }],
  'Query.application': [{ how: 'reads an application by id', as: 'TOP_ADMIN', args: (v) => ({ id: v.application }), expect: 'absent' }],
  'Query.applicationInbox': [{ how: 'reads the application inbox', as: 'UNIT_HEAD', args: () => ({ first: 100 }), expect: 'own-city' }],
  'Query.myApplications': [{ how: 'reads its applications', as: 'CASEWORKER', args: () => ({ first: 100 }), expect: 'own-city' }],
  'Query.agencyGrants': [{ how: 'lists B’s agency grants (by filter)', as: 'TOP_ADMIN', args: (v) => ({ agencyId: v.agency, includeRevoked: true, first: 100 }), expect: 'absent' }],
  'Query.grantsMatrix': [{ how: 'reads B’s grants matrix (by filter)', as: 'TOP_ADMIN', args: (v) => ({ agencyId: v.agency, first: 100 }), expect: 'absent' }],
  'Query.agencyNetworks': [{ how: 'lists B’s agency networks (by filter)', as: 'TOP_ADMIN', args: (v) => ({ agencyId: v.agency }), expect: 'absent' }],
  'Query.applicationForms': [{ how: 'reads the application forms (its own city’s rules)', as: 'CASEWORKER', args: () => ({}), expect: 'own-city' }],
  'Query.bureauApplications': [{ how: 'lists B’s applications awaiting the bureau as a city admin', as: 'TOP_ADMIN', args: () => ({ first: 100, filter: { cityIds: [VICTIM_CITY] } }), expect: 'refused' }],
  'Query.applicationCrossCityReads': [{ how: 'lists the bureaus’ reads of applications (of its own city only)', as: 'TOP_ADMIN', args: () => ({ first: 100 }), expect: 'own-city' }],
  'Query.grantCounts': [{ how: 'counts grants by item (its own city)', as: 'TOP_ADMIN', args: () => ({}), expect: 'own-city' }],
  'Query.ruleComparison': [{ how: 'compares the cities’ rules (public rules only)', as: 'CASEWORKER', args: () => ({}), expect: 'own-city' }],
  // ---------------------------------------------------------------- queries: query log
  'Query.bureauImportJob': [{ how: 'reads an import job by id', as: 'TOP_ADMIN', args: (v) => ({ id: v.importJob }), expect: 'absent' }],
  'Query.bureauImportJobs': [{ how: 'lists import jobs', as: 'TOP_ADMIN', args: () => ({ first: 100 }), expect: 'own-city' }],
  'Query.verifyQueryLog': [
    { how: 'verifies its chain against B’s signed checkpoint', as: 'AUDITOR', args: (v) => ({ checkpointPayload: v.checkpointPayload, checkpointSignature: v.checkpointSignature }), expect: 'own-city', codes: /./ },
  ],
  'Query.queryLogCheckpoints': [{ how: 'lists checkpoints', as: 'AUDITOR', args: () => ({ first: 100 }), expect: 'own-city' }],
  'Query.queryLogCheckpointKey': [{ how: 'reads the checkpoint key', as: 'AUDITOR', args: () => ({}), expect: 'own-city' }],
  'Query.myQueryRecords': [{ how: 'reads its records', as: 'CASEWORKER', args: () => ({ first: 100 }), expect: 'own-city' }],
  'Query.reconciliationRun': [{ how: 'reads a reconciliation by id', as: 'TOP_ADMIN', args: (v) => ({ id: v.reconciliationRun }), expect: 'absent' }],
  'Query.reconciliationRuns': [{ how: 'lists reconciliations of B’s agency and month (by filter)', as: 'TOP_ADMIN', args: (v) => ({ first: 100, agencyId: v.agency, month: '2017-01' }), expect: 'absent' }],
  'Query.reconciliationTasks': [{ how: 'lists reconciliation tasks', as: 'TOP_ADMIN', args: () => ({ from: '2017-01-01', to: '2017-12-31' }), expect: 'own-city' }],
  'Query.queryRequest': [{ how: 'reads a query request by id', as: 'UNIT_HEAD', args: (v) => ({ id: v.request }), expect: 'absent' }],
  'Query.myQueryRequests': [{ how: 'reads its requests', as: 'CASEWORKER', args: () => ({ first: 100 }), expect: 'own-city' }],
  'Query.queryRequestsAwaitingMyDecision': [{ how: 'reads requests awaiting it', as: 'UNIT_HEAD', args: () => ({ first: 100 }), expect: 'own-city' }],
  'Query.checkSubject': [{ how: 'checks the subject B queried', as: 'CASEWORKER', args: () => ({ kind: 'NATIONAL_ID', value: 'A123456789' }), expect: 'own-city' }],
  'Query.queryRegister': [
    { how: 'filters the register by B’s account and case', as: 'TOP_ADMIN', args: (v) => ({ scope: 'AGENCY', first: 100, filter: { accountId: v.account, caseNumber: v.caseNumber } }), expect: 'own-city' },
    { how: 'filters the register by B’s subject', as: 'AUDITOR', args: () => ({ scope: 'AGENCY', first: 100, filter: { subjectKind: 'NATIONAL_ID', subject: 'A123456789', from: '2017-01-01T00:00:00Z' } }), expect: 'own-city' },
  ],
  'Query.bureauQueryRecords': [
    { how: 'reads B’s records as a city user with no cross-city reach (by filter)', as: 'TOP_ADMIN', args: () => ({ first: 100, filter: { cityIds: [VICTIM_CITY] } }), expect: 'refused' },
  ],
  'Query.crossCityReads': [{ how: 'lists the bureaus’ reads (of its own city only)', as: 'TOP_ADMIN', args: () => ({ first: 100 }), expect: 'own-city' }],
  'Query.queryCounts': [
    { how: 'counts B’s queries by naming B (by filter)', as: 'AUDITOR', args: () => ({ groupBy: ['CITY', 'AGENCY', 'MONTH'], filter: { cityIds: [VICTIM_CITY], from: '2017-01-01T00:00:00Z' } }), expect: 'own-city' },
  ],
  'Query.queryRegisterCsv': [{ how: 'exports the register filtered by B’s account', as: 'TOP_ADMIN', args: (v) => ({ scope: 'AGENCY', filter: { accountId: v.account } }), expect: 'own-city' }],

  // ---------------------------------------------------------------- mutations: audit
  'Mutation.scanForAnomalies': [{ how: 'scans the period of B’s anomaly', as: 'AUDITOR', args: () => ({ from: '2017-03-01', to: '2017-03-31' }), expect: 'own-city' }],
  'Mutation.openInvestigation': [{ how: 'opens an investigation of B’s finding', as: 'AUDITOR', args: (v) => ({ findingId: v.finding }), expect: 'refused' }],
  'Mutation.addInvestigationNote': [{ how: 'writes into B’s investigation', as: 'AUDITOR', args: (v) => ({ investigationId: v.investigation, body: 'x' }), expect: 'refused' }],
  'Mutation.closeInvestigation': [
    { how: 'closes B’s investigation', as: 'AUDITOR', args: (v) => ({ input: { investigationId: v.investigation, outcome: 'NO_MISUSE', actions: [], summary: 'x' } }), expect: 'refused' },
  ],
  'Mutation.drawAuditSample': [
    { how: 'draws an audit of B’s agency (by filter)', as: 'AUDITOR', args: (v) => ({ input: { periodStart: '2017-01-01', periodEnd: '2017-01-31', agencyId: v.agency } }), expect: 'refused', codes: /^UNKNOWN_AGENCY$/ },
  ],
  'Mutation.judgeSampledRecord': [
    { how: 'judges a record of B’s audit', as: 'AUDITOR', args: (v) => ({ input: { auditId: v.audit, position: 1, judgments: [{ criterion: 'LEGITIMATE_PURPOSE', result: 'CONFORMS' }] } }), expect: 'refused' },
  ],
  'Mutation.recordChecklistResults': [{ how: 'fills B’s checklist', as: 'AUDITOR', args: (v) => ({ input: { auditId: v.audit, answers: [] } }), expect: 'refused' }],
  'Mutation.signOffAudit': [{ how: 'signs B’s audit', as: 'AUDITOR', args: (v) => ({ auditId: v.audit }), expect: 'refused' }],
  'Mutation.destroyExpiredAuditRecords': [{ how: 'runs retention (dry run)', as: 'TOP_ADMIN', args: () => ({ dryRun: true }), expect: 'own-city' }],
  'Mutation.destroyAuditRecord': [
    { how: 'destroys B’s audit', as: 'TOP_ADMIN', args: (v) => ({ recordType: 'AUDIT', id: v.audit }), expect: 'refused' },
    { how: 'destroys B’s finding', as: 'TOP_ADMIN', args: (v) => ({ recordType: 'FINDING', id: v.finding }), expect: 'refused' },
  ],
  'Mutation.generateComplianceCalendar': [{ how: 'generates its calendar for B’s period', as: 'AUDITOR', args: () => ({ from: '2017-01-01', to: '2017-03-31' }), expect: 'own-city' }],
  'Mutation.recordObligationEvent': [{ how: 'records an event', as: 'TOP_ADMIN', args: () => ({ kind: 'SECURITY_INCIDENT', occurredOn: day, note: 'cross-city suite' }), expect: 'own-city' }],
  'Mutation.requestBureauAudit': [
    { how: 'asks B to audit, as a city admin (no cross-city reach)', as: 'TOP_ADMIN', args: () => ({ input: { cityId: VICTIM_CITY, periodStart: '2017-01-01', periodEnd: '2017-01-31', reason: 'cross-city suite' } }), expect: 'refused' },
  ],
  'Mutation.completeComplianceTask': [{ how: 'completes B’s task', as: 'AUDITOR', args: (v) => ({ id: v.task ?? v.audit }), expect: 'refused' }],
  // ---------------------------------------------------------------- mutations: identity
  'Mutation.createAccount': [
    { how: 'creates an account in B’s agency', as: 'TOP_ADMIN', args: (v) => ({ input: { agencyId: v.agency, username: 'intruder1', roles: ['CASEWORKER'], reason: 'x', personId: v.person } }), expect: 'refused' },
    { how: 'gives B’s person an account in its own agency', as: 'TOP_ADMIN', args: (v, a) => ({ input: { agencyId: a.agency, username: 'intruder2', roles: ['CASEWORKER'], reason: 'x', personId: v.person } }), expect: 'refused' },
  ],
  'Mutation.changeAccount': [
    { how: 'makes B’s clerk a top admin', as: 'TOP_ADMIN', args: (v) => ({ input: { accountId: v.account, roles: ['TOP_ADMIN'], reason: 'x' } }), expect: 'refused' },
    { how: 'moves its own clerk into B’s agency and unit', as: 'TOP_ADMIN', args: (v, a) => ({ input: { accountId: a.account, agencyId: v.agency, unitId: v.unit, reason: 'x' } }), expect: 'refused' },
  ],
  'Mutation.suspendAccount': [{ how: 'suspends B’s clerk', as: 'TOP_ADMIN', args: (v) => ({ input: { accountId: v.account, reason: 'x' } }), expect: 'refused' }],
  'Mutation.reactivateAccount': [{ how: 'reactivates B’s clerk', as: 'TOP_ADMIN', args: (v) => ({ input: { accountId: v.account, reason: 'x' } }), expect: 'refused' }],
  'Mutation.unlockAccount': [{ how: 'unlocks B’s clerk', as: 'TOP_ADMIN', args: (v) => ({ input: { accountId: v.account, reason: 'x' } }), expect: 'refused' }],
  'Mutation.revokeAccount': [{ how: 'revokes B’s admin', as: 'TOP_ADMIN', args: (v) => ({ input: { accountId: v.adminAccount, reason: 'x' } }), expect: 'refused' }],
  'Mutation.recordAdminHandover': [
    { how: 'hands B’s admin role to itself', as: 'TOP_ADMIN', args: (v, a) => ({ input: { outgoingAccountId: v.adminAccount, incomingAccountId: a.account, moveOn: day, reason: 'x' } }), expect: 'refused' },
  ],
  'Mutation.recordBureauNotified': [
    { how: 'marks B’s handover notified', as: 'TOP_ADMIN', args: (v) => ({ input: { handoverId: v.handover ?? v.review, notifiedOn: day, reference: 'x' } }), expect: 'refused' },
  ],
  'Mutation.recordDutyChange': [
    { how: 'records that B’s clerk left', as: 'TOP_ADMIN', args: (v) => ({ input: { personId: v.person, kind: 'DEPARTED', effectiveOn: day, reason: 'x' } }), expect: 'refused' },
  ],
  'Mutation.loginWithPassword': [
    {
      how: 'logs into B with its own credentials',
      as: 'CASEWORKER',
      anonymous: true,
      args: (_v, _a, t) => {
        const own = userOf(t, ATTACKER_CITY, 'CASEWORKER');
        return { input: { cityId: VICTIM_CITY, username: own.username, password: own.password } };
      },
      expect: 'refused',
      codes: /INVALID_CREDENTIALS/,
    },
  ],
  'Mutation.requestCertificateChallenge': [{ how: 'asks B for a login challenge (anonymous, pre-login)', as: 'CASEWORKER', anonymous: true, args: () => ({ cityId: VICTIM_CITY }), expect: 'own-city' }],
  'Mutation.loginWithCertificate': [
    {
      how: 'signs B’s challenge with its own certificate',
      as: 'CASEWORKER',
      anonymous: true,
      args: async (_v, _a, t) => ({ input: await certificateLoginInput(t, userOf(t, ATTACKER_CITY, 'CASEWORKER'), VICTIM_CITY) }),
      expect: 'refused',
      codes: /CERTIFICATE_NOT_REGISTERED/,
    },
  ],
  'Mutation.refreshSession': [{ how: 'refreshes its own session (no handle on B)', as: 'CASEWORKER', anonymous: true, args: (_v, a) => ({ refreshToken: a.refreshToken }), expect: 'own-city' }],
  'Mutation.logout': [{ how: 'logs out a made-up session', as: 'CASEWORKER', args: () => ({ refreshToken: 'not-a-token' }), expect: 'own-city', codes: /./ }],
  'Mutation.startAccountReview': [{ how: 'starts a review (own city)', as: 'TOP_ADMIN', args: () => ({ input: { reason: 'cross-city suite' } }), expect: 'own-city', codes: /./ }],
  'Mutation.decideAccountReviewRow': [
    { how: 'decides a row of B’s review', as: 'TOP_ADMIN', args: (v) => ({ input: { rowId: v.reviewRow ?? v.review, decision: 'REVOKE', reason: 'x' } }), expect: 'refused' },
  ],
  'Mutation.completeAccountReview': [{ how: 'completes B’s review', as: 'TOP_ADMIN', args: (v) => ({ reviewId: v.review }), expect: 'refused' }],
  'Mutation.createServiceAccount': [
    { how: 'makes B’s person responsible for a service account', as: 'TOP_ADMIN', args: (v, a) => ({ input: { name: 'intruder-batch', responsiblePersonId: v.person, agencyId: a.agency, roles: ['AUDITOR'], reason: 'x' } }), expect: 'refused' },
    { how: 'creates a service account in B’s agency', as: 'TOP_ADMIN', args: (v, a) => ({ input: { name: 'intruder-batch2', responsiblePersonId: a.person, agencyId: v.agency, roles: ['AUDITOR'], reason: 'x' } }), expect: 'refused' },
  ],
  'Mutation.issueApiToken': [
    { how: 'issues a token for B’s service account', as: 'TOP_ADMIN', args: (v) => ({ input: { serviceAccountId: v.serviceAccount, name: 'stolen', scopes: ['AUDITOR'], reason: 'x' } }), expect: 'refused' },
  ],
  'Mutation.revokeApiToken': [{ how: 'revokes B’s API token', as: 'TOP_ADMIN', args: (v) => ({ input: { tokenId: v.apiToken, reason: 'x' } }), expect: 'refused' }],
  'Mutation.exchangeApiToken': [{ how: 'exchanges a made-up API token (the token is the credential)', as: 'CASEWORKER', anonymous: true, args: () => ({ token: 'cst_not-a-token' }), expect: 'own-city', codes: /./ }],
  // ---------------------------------------------------------------- mutations: permissions
  'Mutation.repealLegalBasis': [{ how: 'repeals B’s legal basis', as: 'TOP_ADMIN', args: (v) => ({ id: v.legalBasis, on: day }), expect: 'refused' }],
  'Mutation.submitApplication': [
    {
      how: 'applies to make B’s clerk an agency admin',
      as: 'AGENCY_ADMIN',
      args: (v) => ({ input: { kind: 'agency-admin-account', operation: 'change', reason: 'x', personalDataAcknowledged: true, subjectAccountId: v.account, itemsToAdd: [], itemsToRemove: ['labor-insurance:C0101:unspecified'] } }),
      expect: 'refused',
    },
    {
      how: 'applies under B’s business item and legal basis',
      as: 'AGENCY_ADMIN',
      args: (v) => ({ input: { kind: 'agency-items', operation: 'add', reason: 'x', personalDataAcknowledged: true, businessItemId: v.businessItem, legalBasisId: v.legalBasis, itemsToAdd: ['labor-insurance:C0101:unspecified'], itemsToRemove: [] } }),
      expect: 'refused',
    },
  ],
  'Mutation.decideApplicationStep': [{ how: 'approves B’s application', as: 'UNIT_HEAD', args: (v) => ({ id: v.application, decision: 'APPROVE' }), expect: 'refused' }],
  'Mutation.recordBureauDecision': [
    { how: 'records a bureau decision on B’s application, as a city admin', as: 'TOP_ADMIN', args: (v) => ({ input: { cityId: VICTIM_CITY, applicationId: v.application, decision: 'APPROVE', comment: 'x' } }), expect: 'refused' },
  ],
  'Mutation.withdrawApplication': [{ how: 'withdraws B’s application', as: 'CASEWORKER', args: (v) => ({ id: v.application }), expect: 'refused' }],
  'Mutation.revokeAgencyGrant': [{ how: 'revokes B’s agency grant', as: 'TOP_ADMIN', args: (v) => ({ id: v.agencyGrant, reason: 'x' }), expect: 'refused' }],
  'Mutation.revokeUserGrant': [{ how: 'revokes B’s user grant', as: 'TOP_ADMIN', args: (v) => ({ id: v.userGrant, reason: 'x' }), expect: 'refused' }],
  'Mutation.addAgencyNetwork': [
    { how: 'adds a network to B’s agency', as: 'TOP_ADMIN', args: (v) => ({ agencyId: v.agency, network: '10.66.0.0/24', label: 'x' }), expect: 'refused', codes: /^UNKNOWN_AGENCY$/ },
  ],
  'Mutation.removeAgencyNetwork': [{ how: 'removes B’s network', as: 'TOP_ADMIN', args: (v) => ({ id: v.network }), expect: 'refused' }],
  // ---------------------------------------------------------------- mutations: query log
  'Mutation.importBureauRecords': [
    { how: 'imports into B’s agency', as: 'TOP_ADMIN', args: (v) => ({ agencyId: v.agency, fileName: 'x.csv', csv: 'x' }), expect: 'refused', codes: /^UNKNOWN_AGENCY$/ },
  ],
  'Mutation.writeQueryLogCheckpoint': [{ how: 'writes a checkpoint (own chain)', as: 'TOP_ADMIN', args: () => ({}), expect: 'own-city' }],
  'Mutation.recordQuery': [{ how: 'records a query under B’s approved request', as: 'CASEWORKER', args: (v) => ({ input: { requestId: v.request, itemKey: 'labor-insurance:C0101:unspecified' } }), expect: 'refused' }],
  'Mutation.reconcileMonth': [
    { how: 'reconciles B’s agency', as: 'TOP_ADMIN', args: (v) => ({ agencyId: v.agency, month: '2017-01' }), expect: 'refused', codes: /^UNKNOWN_AGENCY$/ },
  ],
  'Mutation.signOffReconciliation': [
    { how: 'signs B’s reconciliation', as: 'TOP_ADMIN', args: (v) => ({ runId: v.reconciliationRun }), expect: 'refused' },
    { how: 'signs for B’s unit', as: 'UNIT_HEAD', args: (v) => ({ runId: v.reconciliationRun, unitId: v.unit }), expect: 'refused' },
  ],
  'Mutation.produceDataSubjectReport': [
    { how: 'asks who looked at the citizen B queried', as: 'AUDITOR', args: () => ({ input: { subjectKind: 'NATIONAL_ID', subject: 'A123456789', requestReference: 'cross-city suite' } }), expect: 'own-city' },
  ],
  'Mutation.createQueryRequest': [
    {
      how: 'files a request on behalf of B’s clerk',
      as: 'CASEWORKER',
      args: (v) => ({
        input: { caseNumber: 'X-1', purpose: '社會救助資格審核', itemKeys: ['labor-insurance:C0101:unspecified'], subjectKind: 'NATIONAL_ID', subject: 'A123456789', legalBasis: 'x', proxy: { onBehalfOfAccountId: v.account, documentNumber: 'x', authorisedOn: day } },
      }),
      expect: 'refused',
      // Taoyuan's rules allow no proxy queries at all, so this is refused before the account is looked up.
      codes: /PROXY_NOT_ALLOWED/,
    },
  ],
  'Mutation.approveQueryRequest': [{ how: 'approves B’s pending request', as: 'UNIT_HEAD', args: (v) => ({ id: v.pendingRequest }), expect: 'refused' }],
  'Mutation.rejectQueryRequest': [{ how: 'rejects B’s pending request', as: 'UNIT_HEAD', args: (v) => ({ id: v.pendingRequest, reason: 'x' }), expect: 'refused' }],
};

// ------------------------------------------------------------------ the operations, from the supergraph

function rootFields(typeName: 'Query' | 'Mutation'): FieldDefinitionNode[] {
  return SUPERGRAPH.definitions
    .filter((d): d is ObjectTypeDefinitionNode => (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && d.name.value === typeName)
    .flatMap((d) => d.fields ?? []);
}

const OPERATIONS = [...rootFields('Query').map((f) => ['Query', f] as const), ...rootFields('Mutation').map((f) => ['Mutation', f] as const)];

const TYPES = new Map<string, ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode>();
for (const d of SUPERGRAPH.definitions) if (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_DEFINITION) TYPES.set(d.name.value, d);

const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));
const hasRequiredArgs = (field: FieldDefinitionNode) => (field.arguments ?? []).some((a) => a.type.kind === Kind.NON_NULL_TYPE && !a.defaultValue);
const isInternal = (field: FieldDefinitionNode) => field.directives?.some((d) => d.name.value === 'join__field' && d.arguments?.some((a) => a.name.value === 'external' || a.name.value === 'usedOverridden'));

/**
 * Every field of the answer the operation can carry without extra arguments, two object levels deep
 * (deep enough to reach every entity the answer links to, within the gateway's cost and depth limits):
 * an attack through nested fields is an attack on whatever they resolve.
 */
function selection(typeName: string, depth: number, budget: { left: number }): string {
  const type = TYPES.get(typeName);
  if (!type) return '';
  const parts = ['__typename'];
  for (const field of type.fields ?? []) {
    if (budget.left <= 0 || hasRequiredArgs(field) || isInternal(field)) continue;
    const inner = namedType(field.type);
    if (TYPES.has(inner)) {
      if (depth <= 0) continue;
      budget.left -= 2;
      parts.push(`${field.name.value} { ${selection(inner, depth - 1, budget)} }`);
    } else {
      budget.left -= 1;
      parts.push(field.name.value);
    }
  }
  return parts.join(' ');
}

function documentFor(kind: 'Query' | 'Mutation', field: FieldDefinitionNode, args: Record<string, unknown>): string {
  const used = (field.arguments ?? []).filter((a) => args[a.name.value] !== undefined);
  const definitions = used.map((a) => `$${a.name.value}: ${print(a.type)}`).join(', ');
  const passed = used.map((a) => `${a.name.value}: $${a.name.value}`).join(', ');
  const inner = namedType(field.type);
  const body = TYPES.has(inner) ? ` { ${selection(inner, 2, { left: 220 })} }` : '';
  return `${kind === 'Query' ? 'query' : 'mutation'}${definitions ? ` (${definitions})` : ''} { ${field.name.value}${passed ? `(${passed})` : ''}${body} }`;
}

// ------------------------------------------------------------------ running one attempt

interface Arena {
  target: Target;
  victims: Victims;
  attacker: Attacker;
  tables: string[];
  markers: string[];
  /** In the RLS-alone build errors are not masked and any refusal (including PostgreSQL's own) counts. */
  rlsAlone: boolean;
}

/** Null, an empty list, or a page / matrix whose lists are all empty. */
function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') {
    const lists = Object.entries(value as Record<string, unknown>).filter(([key, inner]) => Array.isArray(inner) && key !== 'stratifyBy');
    return lists.length > 0 && lists.every(([, inner]) => (inner as unknown[]).length === 0);
  }
  return false;
}

async function attempt(arena: Arena, kind: 'Query' | 'Mutation', field: FieldDefinitionNode, attack: Attempt) {
  const { target, victims, attacker } = arena;
  const token = attack.anonymous ? undefined : await attacker.token(attack.as);
  const args = await attack.args(victims, attacker, target);
  const document = documentFor(kind, field, args);
  const before = await snapshotCity(target, arena.tables, VICTIM_CITY);
  const result = await call(target, document, args, token);
  const after = await snapshotCity(target, arena.tables, VICTIM_CITY);

  const context = `${kind}.${field.name.value} (${attack.how}) on ${target.name}: ${JSON.stringify(result).slice(0, 600)}`;
  // Nothing of city B in the answer, whatever it is.
  const text = JSON.stringify(result);
  const sent = JSON.stringify(args);
  // An id the attacker sent may be echoed back (it knew it already); anything else of B is a leak.
  for (const marker of arena.markers.filter((m) => !sent.includes(m))) expect(text.includes(marker), `leaks ${marker}: ${context}`).toBe(false);
  // City B unchanged: every table's rows and the query log's chain head.
  expect(after, `changed city B: ${context}`).toEqual(before);
  // Never a crash: an internal error is a bug an attacker can probe.
  expect(result.status, context).toBeLessThan(500);

  const codes = (result.errors ?? []).map((e) => String(e.extensions?.code ?? ''));
  const value = result.data?.[field.name.value];
  const refusal = (code: string) => REFUSAL.test(code) || (attack.codes?.test(code) ?? false);
  if (arena.rlsAlone) {
    // The application no longer filters by city: a refusal of any kind (PostgreSQL's policy included) or nothing at all.
    if (attack.expect !== 'own-city') expect(codes.length > 0 || isEmpty(value), `not stopped: ${context}`).toBe(true);
    return;
  }
  expect(codes.every((code) => code !== 'INTERNAL_SERVER_ERROR'), context).toBe(true);
  if (attack.expect === 'refused') {
    expect(codes.length > 0 && codes.every(refusal), `not refused: ${context}`).toBe(true);
    expect(isEmpty(value), context).toBe(true);
  } else if (attack.expect === 'absent') {
    expect(codes.every(refusal), `unexpected error: ${context}`).toBe(true);
    expect(isEmpty(value), `not absent: ${context}`).toBe(true);
  } else {
    // Own city only: an answer for the caller's city, or a refusal of its own.
    if (codes.length > 0) expect(codes.every((code) => refusal(code) || /BAD_USER_INPUT|UNAUTHENTICATED/.test(code)), context).toBe(true);
  }
}

async function prepare(target: Target, seeded: string[], rlsAlone: boolean): Promise<Arena> {
  const victims = await createVictims(target, seeded);
  const attacker = await attackerOf(target);
  return { target, victims, attacker, tables: await cityTables(target), markers: leakMarkers(victims, target), rlsAlone };
}

// ------------------------------------------------------------------ the suites

describe('the attack table', () => {
  it('lists every query and mutation of the supergraph, and nothing else', () => {
    const operations = OPERATIONS.map(([kind, field]) => `${kind}.${field.name.value}`);
    const missing = operations.filter((name) => !ATTACKS[name] || ATTACKS[name]!.length === 0);
    expect(missing, 'operations without a cross-city attack: add them to ATTACKS').toEqual([]);
    expect(Object.keys(ATTACKS).filter((name) => !operations.includes(name)), 'attacks on operations that no longer exist').toEqual([]);
  });
});

describe(`a ${ATTACKER_CITY} user against ${VICTIM_CITY}'s objects (production build)`, () => {
  const seeded: string[] = [];
  let arena: Arena;
  const shared = (): Target => ({ name: 'shared platform', gatewayUrl: platform().gatewayUrl, ownerUrl: platform().databaseOwnerUrl, users: platform().demo.users });
  const chainsBefore = new Map<string, ChainState>();

  beforeAll(async () => {
    for (const cityId of [ATTACKER_CITY, VICTIM_CITY]) chainsBefore.set(cityId, await chainState(shared(), cityId));
    arena = await prepare(shared(), seeded, false);
  }, 180_000);

  it('has a city-B object of every kind the attacks name', () => {
    expect(arena.markers.length).toBeGreaterThan(20);
    expect(arena.tables.length).toBeGreaterThan(30);
  });

  for (const [kind, field] of OPERATIONS) {
    for (const attack of ATTACKS[`${kind}.${field.name.value}`] ?? []) {
      it(`${kind}.${field.name.value}: ${attack.how}`, async () => {
        await attempt(stage(), kind, field, attack);
      });
    }
  }

  // The shared platform serves every other test file: its registers must verify afterwards as they did before
  // (the suite's entries are chained and kept, never placeholder hashes deleted again under a signed checkpoint).
  it('leaves both cities’ query-log hash chains and checkpoints as verifiable as it found them', async () => {
    for (const cityId of [ATTACKER_CITY, VICTIM_CITY]) {
      const before = chainsBefore.get(cityId)!;
      const after = await chainState(shared(), cityId);
      expect(after.problems, `${cityId}: ${JSON.stringify(after)}`).toEqual(before.problems);
      if (before.ok) expect(after.ok, `${cityId}: ${JSON.stringify(after)}`).toBe(true);
    }
  });

  function stage(): Arena {
    if (!arena) throw new Error('the shared platform’s victims could not be set up');
    return arena;
  }
});

interface ChainState {
  ok: boolean;
  problems: string[];
}

/** The city's own auditor verifies its register (records, links, every signed checkpoint). */
async function chainState(target: Target, cityId: string): Promise<ChainState> {
  const auditor = userOf(target, cityId, 'AUDITOR');
  const token = (await loginAs(target, auditor)).accessToken;
  const result = await call(target, `{ verifyQueryLog { ok firstProblem { kind sequence } } }`, {}, token);
  if (!result.data) throw new Error(`verifyQueryLog for ${cityId} failed: ${JSON.stringify(result.errors)}`);
  const first = result.data.verifyQueryLog.firstProblem as { kind: string; sequence: string } | null;
  return { ok: result.data.verifyQueryLog.ok, problems: first ? [`${first.kind}@${first.sequence}`] : [] };
}

describe('row-level security alone (the application’s city filter switched off in a test build)', () => {
  const seeded: string[] = [];
  const databaseName = `custos_rls_alone_${process.pid}`;
  let starting: Promise<RunningPlatform> | undefined;
  let dataRoot: string;
  let arena: Arena | undefined;

  beforeAll(async () => {
    dataRoot = mkdtempSync(join(tmpdir(), 'custos-rls-alone-'));
    chmodSync(dataRoot, 0o755);
    // The login roles (custos_identity, …) belong to the whole PostgreSQL server, and a platform sets their password
    // from its secrets at start: the second platform must use the shared platform's secrets, or it would lock the
    // shared platform's subgraphs out of the database for every test file that runs after this one. Everything else
    // is its own: its own database (dropped afterwards), its own processes, its own job worker.
    copyFileSync(join(platform().dataRoot, 'secrets.json'), join(dataRoot, 'secrets.json'));
    // The services inherit this process's environment when they are spawned, which happens well after startPlatform
    // returns its promise: the switch stays on until the platform is up (it used to be cleared at once, so the
    // "RLS-alone" platform still ran the application's city filters and proved nothing).
    process.env.CUSTOS_TEST_RLS_ALONE = '1';
    try {
      starting = startPlatform({
        dataRoot,
        databaseUrl: process.env.DATABASE_URL,
        databaseName,
        demo: true,
        ports: 'free',
        nodeEnv: 'test',
      });
      await starting;
    } finally {
      // Nothing else in this process sees the switch.
      delete process.env.CUSTOS_TEST_RLS_ALONE;
    }
    const running = await starting;
    expect(new URL(running.databaseOwnerUrl).pathname).toBe(`/${databaseName}`);
    expect(running.databaseOwnerUrl).not.toBe(platform().databaseOwnerUrl);
    const target: Target = { name: 'RLS-alone platform', gatewayUrl: running.gatewayUrl, ownerUrl: running.databaseOwnerUrl, users: running.demo.users };
    arena = await prepare(target, seeded, true);
  }, 900_000);

  afterAll(async () => {
    // Stopped even when the start-up outlived the hook: a second platform must not keep its connections.
    const running = await starting?.catch(() => undefined);
    if (running) await running.stop();
    if (process.env.DATABASE_URL) await dropDatabase(process.env.DATABASE_URL, databaseName).catch(() => {});
    rmSync(dataRoot, { recursive: true, force: true });
  }, 300_000);

  // The control: this run means something only if the application's own filter is really off. Lifting row-level
  // security from one table must then let city B's row through; put back, it is refused again.
  it('really has no application city filter: with row-level security lifted from identity.account, city B’s account comes back', async () => {
    const arena = stage();
    const token = await arena.attacker.token('TOP_ADMIN');
    const read = async () => (await call(arena.target, `query ($id: ID!) { account(id: $id) { id username } }`, { id: arena.victims.account }, token)).data?.account ?? null;
    expect(await read()).toBeNull();
    await ownerSql(arena.target, 'ALTER TABLE identity.account NO FORCE ROW LEVEL SECURITY');
    await ownerSql(arena.target, 'ALTER TABLE identity.account DISABLE ROW LEVEL SECURITY');
    try {
      expect(await read()).toMatchObject({ id: arena.victims.account });
    } finally {
      await ownerSql(arena.target, 'ALTER TABLE identity.account ENABLE ROW LEVEL SECURITY');
      await ownerSql(arena.target, 'ALTER TABLE identity.account FORCE ROW LEVEL SECURITY');
    }
    expect(await read()).toBeNull();
  });

  for (const [kind, field] of OPERATIONS) {
    for (const attack of ATTACKS[`${kind}.${field.name.value}`] ?? []) {
      it(`${kind}.${field.name.value}: ${attack.how}`, async () => {
        await attempt(stage(), kind, field, attack);
      });
    }
  }

  function stage(): Arena {
    if (!arena) throw new Error('the RLS-alone platform did not start');
    return arena;
  }
});
