import { cityInfo, eventDeadline, rules, type DueRule, type RetentionRule, type RuleVersion } from '@custos/rules';

/** A rule value with the rule it comes from, as identity uses it. */
export interface CitedValue<T> {
  value: T;
  citation: string;
}

export type DutyChangeDeadline = 'on-or-before-move-date' | 'during-leave-procedure' | 'at-periodic-review' | 'not-specified';

/** What a city's rules in force on a date say about accounts (never `if (city === ...)`). */
export interface AccountRules {
  /** Which of the prerequisites (MyEGov official account, uploaded citizen certificate) an account needs. */
  prerequisites: CitedValue<Array<'myegov-official-account' | 'citizen-certificate-uploaded'>>;
  /** Outsourced vendor staff may never hold a querying role (Taipei 5(五) and its equivalents). */
  vendorsBarredFromQuerying: CitedValue<boolean>;
  /**
   * Whether an agency admin also manages the accounts (and admins) of the agencies directly below
   * its own (Tainan 4(二)3: a first-level agency's admin sets up its second-level agencies' admins).
   */
  agencyAdminManagesSubordinateAgencies: CitedValue<boolean>;
  revokeOnDutyChange: CitedValue<DutyChangeDeadline>;
  adminHandover: CitedValue<{ newAccountBeforeOldStopped: boolean; handOver: Array<'user-roster' | 'audit-records' | 'query-records'> } | null>;
  /** The bureau must be told of an admin change by this deadline (Changhua 4(八)); null when the rules require no notice. */
  adminChangeNotice: EventObligation | null;
  /** Every obligation the rules attach to an event identity records (an admin change, a move or departure). */
  eventObligations: EventObligation[];
  accountReviewChecks: CitedValue<string[]>;
  idleAccountDays: CitedValue<number>;
  /** How long an account review is kept. */
  accountReviewRetention: { years: number; citation: string };
}

export type IdentityEvent = 'admin-changed' | 'staff-moved-or-left';

export interface EventObligation {
  event: IdentityEvent;
  obligationId: string;
  dueRule: DueRule;
  citation: string;
  description: string;
}

export interface AccountRulesSource {
  at(cityId: string, date: Date): AccountRules;
}

/** No rule keeps account reviews for a stated time in every city; the longest the rules set (Changhua 6(一): 5 years). */
const DEFAULT_REVIEW_RETENTION_YEARS = 5;

function fromVersion(version: RuleVersion): AccountRules {
  const { login, accounts, queries } = version;
  const adminSetUp = version.applications['agency-admin-account']?.steps ?? [];
  const userSetUp = version.applications['user-account']?.steps ?? [];
  // Any set-up step (or alternative to one) that an agency admin performs for the agency above.
  const parentAgencyStep = [...adminSetUp, ...userSetUp]
    .flatMap((step) => [step, ...(step.alternatives ?? [])])
    .find((step) => step.role === 'AGENCY_ADMIN' && step.agency === 'parent-agency');
  const eventObligations: EventObligation[] = version.obligations.flatMap((obligation) => {
    const rule = obligation.dueRule;
    if (!('event' in rule) || (rule.event !== 'admin-changed' && rule.event !== 'staff-moved-or-left')) return [];
    return [{ event: rule.event, obligationId: obligation.id, dueRule: rule, citation: obligation.citation, description: obligation.description }];
  });
  const notice = eventObligations.find((obligation) => obligation.event === 'admin-changed' && obligation.dueRule.type === 'days-after-event');
  const reviewRetention = version.retention.value.find((rule: RetentionRule) => rule.recordKind === 'account-review');
  return {
    prerequisites: { value: [...login.prerequisites.value], citation: login.prerequisites.citation },
    vendorsBarredFromQuerying: { value: queries.outsourcedVendorsBarred.value, citation: queries.outsourcedVendorsBarred.citation },
    agencyAdminManagesSubordinateAgencies: parentAgencyStep
      ? { value: true, citation: parentAgencyStep.citation }
      : { value: false, citation: 'no parent-agency set-up step in the rules' },
    revokeOnDutyChange: { value: accounts.revokeOnDutyChange.value.deadline, citation: accounts.revokeOnDutyChange.citation },
    adminHandover: { value: accounts.adminHandover.value, citation: accounts.adminHandover.citation },
    adminChangeNotice: notice ?? null,
    eventObligations,
    accountReviewChecks: { value: [...accounts.accountReviewChecks.value], citation: accounts.accountReviewChecks.citation },
    idleAccountDays: { value: login.idleAccountDays.value, citation: login.idleAccountDays.citation },
    accountReviewRetention: reviewRetention
      ? { years: reviewRetention.minimumYears, citation: reviewRetention.citation }
      : { years: DEFAULT_REVIEW_RETENTION_YEARS, citation: 'platform default (the longest the rules set: Changhua 6(一), 5 years)' },
  };
}

/** The strictest reading, for a city no rules have ever governed. */
const STRICTEST: AccountRules = {
  prerequisites: { value: ['myegov-official-account', 'citizen-certificate-uploaded'], citation: 'platform default' },
  vendorsBarredFromQuerying: { value: true, citation: 'platform default (Taipei 5(五))' },
  agencyAdminManagesSubordinateAgencies: { value: false, citation: 'platform default' },
  revokeOnDutyChange: { value: 'on-or-before-move-date', citation: 'platform default (Changhua 4(六))' },
  adminHandover: { value: { newAccountBeforeOldStopped: true, handOver: ['user-roster', 'audit-records'] }, citation: 'platform default (Changhua 4(三), 4(四))' },
  adminChangeNotice: null,
  eventObligations: [],
  accountReviewChecks: { value: ['duplicate', 'idle', 'role-changed', 'departed'], citation: 'platform default' },
  idleAccountDays: { value: 180, citation: 'platform default' },
  accountReviewRetention: { years: DEFAULT_REVIEW_RETENTION_YEARS, citation: 'platform default' },
};

/**
 * Account rules from each city's rule profile on the date. After a repeal (Taipei, 2021-01-14) the
 * last version in force still governs the accounts that remain, as it does for login.
 */
export const rulesAccountRules: AccountRulesSource = {
  at(cityId, date) {
    const lookup = rules.at(cityId, cityInfo(cityId).service, date);
    const version = lookup.inForce ? lookup.version : lookup.lastVersion;
    return version ? fromVersion(version) : STRICTEST;
  },
};

/** The last day to notify the bureau of an admin change made on `changedOn` (YYYY-MM-DD). */
export function noticeDueOn(notice: EventObligation, changedOn: string): string {
  return eventDeadline(notice.dueRule, changedOn);
}
