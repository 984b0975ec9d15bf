import { CITIES, type CityInfo } from './cities';
import { addDays, toTaiwanDate, type DateInput, type IsoDate } from './dates';
import { PLATFORM_ROLES, type AgencyScope, type CityId, type PlatformRole } from './ids';
import { cityInfo, rules as shippedRules, type Rules } from './rules';
import type { ApplicationRule, ApprovalStep, Cited, DueRule, Obligation, RuleVersion } from './schema';

/*
 * A human-readable comparison of the cities' rules, built only from the profile data. The rows are
 * plain JSON (served over GraphQL); renderComparisonMarkdown() turns them into docs/rules-comparison.md.
 */

export interface ComparisonCell {
  city: CityId;
  /** False when no rules are in force (for a dated table) or the latest version is repealed (undated). */
  inForce: boolean;
  versionId: string | null;
  text: string;
  citation: string;
}

export interface ComparisonRow {
  id: string;
  topic: string;
  cells: ComparisonCell[];
}

interface Cell {
  text: string;
  citation: string;
}

type Describe = (v: RuleVersion) => Cell;

const PLATFORM_DEFAULT_MARK = ' (platform default)';

const scopeLabel: Record<AgencyScope, string> = {
  'own-unit': 'own unit',
  'own-agency': 'own agency',
  'parent-agency': 'parent agency',
  'reviewing-agency': 'reviewing agency',
  'commissioning-agency': 'commissioning agency',
  'top-admin': 'top admin',
  bureau: 'bureau',
};

const actionLabel: Record<ApprovalStep['action'], string> = {
  consent: 'consents',
  apply: 'applies',
  endorse: 'signs',
  review: 'reviews',
  approve: 'approves',
  'apply-to-bureau': 'applies to the bureau',
  'set-up': 'sets up',
  'notify-egov-platform': 'reports to the e-government platform',
};

const eventLabel: Record<string, string> = {
  'admin-changed': 'an admin change',
  'staff-moved-or-left': 'a move or departure',
  'misuse-found': 'misuse being found',
  'anomaly-found': 'an anomaly',
  'security-incident': 'a security incident',
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const periodEnd: Record<string, string> = { monthly: 'month', quarterly: 'quarter', 'half-yearly': 'half year', yearly: 'year' };

function joinCitations(...citations: string[]): string {
  return [...new Set(citations)].join('; ');
}

function cited<T>(c: Cited<T>, render: (value: T) => string): Cell {
  return { text: render(c.value) + (c.source === 'platform-default' ? PLATFORM_DEFAULT_MARK : ''), citation: c.citation };
}

function combine(...cells: Cell[]): Cell {
  return { text: cells.map((c) => c.text).join('; '), citation: joinCitations(...cells.map((c) => c.citation)) };
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

function roleTitle(v: RuleVersion, role: PlatformRole): string {
  return v.roles[role].value.titleZh ?? role;
}

function describeSteps(application: ApplicationRule): Cell {
  if (!application.available.value) {
    return { text: `not applicable${application.available.note ? `: ${application.available.note}` : ''}`, citation: application.available.citation };
  }
  const steps = application.steps.map((s, i) => {
    const condition = s.onlyWhen === 'commissioned-agency' ? '[commissioned agency only] ' : '';
    const alternatives = (s.alternatives ?? []).map((a) => ` (or ${a.when})`).join('');
    const mark = s.source === 'platform-default' ? PLATFORM_DEFAULT_MARK : '';
    return `${i + 1}. ${condition}${s.titleZh} ${actionLabel[s.action]} [${s.role}, ${scopeLabel[s.agency]}]${alternatives}${mark}`;
  });
  return {
    text: `${application.operations.value.join('/')}: ${steps.join(' → ')}`,
    citation: joinCitations(application.available.citation, ...application.steps.map((s) => s.citation)),
  };
}

function dueText(rule: DueRule, cadence: string): string {
  switch (rule.type) {
    case 'end-of-period':
      return `by the end of each ${periodEnd[cadence]}`;
    case 'day-of-following-month':
      return `by day ${rule.day} of the following month`;
    case 'month-day-following-year':
      return `by ${rule.day} ${MONTHS[rule.month - 1]} of the following year`;
    case 'days-after-event':
      return `within ${rule.days} days ${rule.countFrom === 'next-day' ? 'from the day after' : 'of'} ${eventLabel[rule.event]}`;
    case 'on-or-before-event':
      return `on or before ${eventLabel[rule.event]}`;
    case 'upon-event':
      return `upon ${eventLabel[rule.event]}`;
  }
}

function describeObligations(v: RuleVersion, cadence: Obligation['cadence']): Cell {
  const list = v.obligations.filter((o) => o.cadence === cadence);
  if (list.length === 0) return { text: '—', citation: '—' };
  return {
    text: list
      .map((o) => `${o.description} — ${dueText(o.dueRule, o.cadence)} (${roleTitle(v, o.owner)})${o.source === 'platform-default' ? PLATFORM_DEFAULT_MARK : ''}`)
      .join('; '),
    citation: joinCitations(...list.map((o) => o.citation)),
  };
}

function lastDayOf(version: RuleVersion): IsoDate | null {
  return version.effectiveUntil === undefined ? null : addDays(version.effectiveUntil, -1);
}

const roleRows: Array<[string, string, Describe]> = PLATFORM_ROLES.map((role) => [
  `role-${role.toLowerCase().replaceAll('_', '-')}`,
  `Role ${role}`,
  (v) =>
    cited(v.roles[role], (r) => (r.present ? `${r.titleZh}${r.agencyZh && r.agencyZh !== r.titleZh ? ` (${r.agencyZh})` : ''}` : '—')),
]);

const ROWS: Array<[string, string, Describe]> = [
  [
    'status',
    'Version and effective dates',
    (v) => {
      const until = lastDayOf(v);
      const period = until === null ? `in force since ${v.effectiveFrom}` : `in force ${v.effectiveFrom} to ${until}; ${v.repeal ? `repealed on ${v.repeal.date}` : `replaced on ${v.effectiveUntil}`}`;
      const chosen = v.effectiveFromBasis.source === 'platform-default' ? ' (start date chosen by Custos: the document gives none)' : '';
      return {
        text: `${v.labelEn}: ${period}${chosen}`,
        citation: joinCitations(v.effectiveFromBasis.citation, ...(v.repeal ? [v.repeal.citation] : [])),
      };
    },
  ],
  ['scope', 'Who the rules apply to', (v) => cited(v.scope, (s) => `${s.agenciesZh} — ${s.agenciesEn}`)],
  [
    'forms',
    'Forms',
    (v) => ({
      text: v.forms.map((f) => `${f.number} ${f.titleZh} (${f.kind})`).join('; '),
      citation: joinCitations(...v.forms.map((f) => f.citation)),
    }),
  ],
  [
    'item-eligibility',
    'Which items an agency may hold',
    (v) =>
      cited(v.itemEligibility, (e) => {
        const mode = {
          'any-catalogue-item-with-legal-basis': 'any catalogue item, with a legal basis',
          'business-register-items': 'items for the business listed in the agency’s 業務項目清冊',
          'listed-items-only': `only ${e.items.join(', ')}`,
        }[e.mode];
        return e.legalBases.length > 0 ? `${mode}; legal bases listed: ${[...new Set(e.legalBases.map((b) => b.categoryZh))].join('、')} (${e.legalBases.length})` : mode;
      }),
  ],
  ...roleRows,
  ['approval-agency-admin-account', 'Approval chain: agency admin account', (v) => describeSteps(v.applications['agency-admin-account'])],
  ['approval-user-account', 'Approval chain: user account', (v) => describeSteps(v.applications['user-account'])],
  ['approval-agency-items', 'Approval chain: agency items', (v) => describeSteps(v.applications['agency-items'])],
  [
    'commissioned-agency-consent',
    'Commissioned agency needs the commissioning agency’s consent first',
    (v) => cited(v.commissionedAgencyConsent, (c) => yesNo(c.required)),
  ],
  [
    'personal-data-acknowledgement',
    'Personal-data acknowledgement on applications',
    (v) => {
      const kinds = Object.entries(v.applications).filter(([, a]) => a.personalDataAcknowledgement.value);
      if (kinds.length === 0) return cited(v.applications['user-account'].personalDataAcknowledgement, () => 'no');
      return { text: `required (${kinds.map(([k]) => k).join(', ')})`, citation: joinCitations(...kinds.map(([, a]) => a.personalDataAcknowledgement.citation)) };
    },
  ],
  ['login-prerequisites', 'Account prerequisites', (v) => cited(v.login.prerequisites, (p) => p.join(' + '))],
  [
    'login-methods',
    'Login: certificate / password',
    (v) =>
      combine(
        cited(v.login.certificateRequired, (b) => `certificate ${b ? 'required' : 'not required'}`),
        cited(v.login.passwordAllowed, (b) => `password ${b ? 'allowed' : 'not allowed'}`),
      ),
  ],
  ['password-max-age', 'Password maximum age', (v) => cited(v.login.passwordMaxAgeDays, (d) => (d === null ? 'no passwords' : `${d} days`))],
  [
    'password-complexity',
    'Password complexity',
    (v) =>
      cited(v.login.passwordComplexity, (c) =>
        c === null ? 'no passwords' : `at least ${c.minLength} characters${c.requireUppercase && c.requireLowercase && c.requireDigit && c.requireSymbol ? ', upper + lower + digit + symbol' : ''}`,
      ),
  ],
  ['lockout', 'Lockout after failed logins', (v) => cited(v.login.lockoutThreshold, (n) => `${n} attempts`)],
  ['idle-account', 'Idle account (annual review)', (v) => cited(v.login.idleAccountDays, (d) => `${d} days without login`)],
  ['account-sharing', 'Account sharing forbidden', (v) => cited(v.login.accountSharingForbidden, yesNo)],
  ['revoke-on-duty-change', 'Revoke on a move or departure', (v) => cited(v.accounts.revokeOnDutyChange, (r) => r.deadline)],
  [
    'admin-handover',
    'Admin handover',
    (v) =>
      cited(v.accounts.adminHandover, (h) =>
        h === null ? '—' : `${h.newAccountBeforeOldStopped ? 'new account before the old is stopped; ' : ''}hand over ${h.handOver.join(', ')}`,
      ),
  ],
  ['account-review-checks', 'Account review looks for', (v) => cited(v.accounts.accountReviewChecks, (c) => (c.length === 0 ? '—' : c.join(', ')))],
  ['pre-approval', 'Supervisor approval before each query', (v) => cited(v.queries.supervisorPreApproval, yesNo)],
  ['pre-approval-validity', 'Pre-approval valid for', (v) => cited(v.queries.preApprovalValidityHours, (h) => (h === null ? '—' : `${h} hours`))],
  ['legal-basis-or-consent', 'Legal basis or citizen’s signed consent per query', (v) => cited(v.queries.legalBasisOrConsentPerQuery, yesNo)],
  ['register-fields', 'Register fields the rule requires', (v) => cited(v.queries.registerFields, (f) => (f.length === 0 ? '—' : f.join(', ')))],
  [
    'proxy-queries',
    'Proxy queries (代查)',
    (v) => cited(v.queries.proxyQueries, (p) => (p.allowed ? `allowed${p.writtenAuthorisationRequired ? ' with a written authorisation' : ''}` : 'not allowed')),
  ],
  [
    'office-hours',
    'Office hours only',
    (v) =>
      combine(
        cited(v.queries.officeHoursOnly, yesNo),
        ...(v.queries.officeHours.value === null ? [] : [cited(v.queries.officeHours, (h) => `${h!.from}–${h!.to}, ISO weekdays ${h!.weekdays.join(',')}`)]),
      ),
  ],
  ['office-network', 'Office premises/network only', (v) => cited(v.queries.officeNetworkOnly, yesNo)],
  ['outsourced-vendors', 'Outsourced vendors barred', (v) => cited(v.queries.outsourcedVendorsBarred, yesNo)],
  ['obligations-monthly', 'Obligations: monthly', (v) => describeObligations(v, 'monthly')],
  ['obligations-quarterly', 'Obligations: quarterly', (v) => describeObligations(v, 'quarterly')],
  ['obligations-half-yearly', 'Obligations: half-yearly', (v) => describeObligations(v, 'half-yearly')],
  ['obligations-yearly', 'Obligations: yearly', (v) => describeObligations(v, 'yearly')],
  ['obligations-event', 'Obligations: on events', (v) => describeObligations(v, 'event')],
  [
    'sampling',
    'Audit sampling',
    (v) =>
      cited(v.audits.sampling, (s) =>
        s === null
          ? '—'
          : `per ${s.period}: ${s.percent}% of ${s.unit === 'case' ? 'cases' : 'query rows'}, at least ${s.minimum}${s.maximum === null ? '' : `, at most ${s.maximum}`}; all if fewer than ${s.allIfFewerThan}; rounded up`,
      ),
  ],
  [
    'checklist',
    'Audit checklist',
    (v) =>
      cited(v.audits.checklist, (c) =>
        c.items.length === 0
          ? '—'
          : `${c.items.length} items${c.items.every((i) => i.verbatim) ? ' (verbatim)' : ''}: ${c.items.map((i) => i.textZh).join(' / ')}${c.resultOptionsZh.length ? `; each ${c.resultOptionsZh.join('/')}` : ''}`,
      ),
  ],
  [
    'anomaly-team',
    'Anomaly / joint audit team',
    (v) => cited(v.audits.anomalyTeam, (t) => `${t.members.map((m) => roleTitle(v, m)).join(' + ')} on ${t.triggerZh} → ${t.outputZh}`),
  ],
  ['anomaly-actions', 'Anomaly actions', (v) => cited(v.audits.anomalyActions, (a) => a.join(', '))],
  ['results-reviewed-by', 'Internal audit results signed off by', (v) => cited(v.audits.resultsReviewedBy, (r) => (r === null ? '—' : roleTitle(v, r)))],
  ['external-auditors', 'External auditors', (v) => cited(v.audits.externalAuditors, (a) => a.map((s) => scopeLabel[s]).join(', '))],
  [
    'retention',
    'Retention (minimum years)',
    (v) => {
      const list = v.retention.value;
      if (list.length === 0) return cited(v.retention, () => '—');
      return {
        text: list.map((r) => `${r.recordKind} ${r.minimumYears}y${r.startsAt === 'account-revocation' ? ' after the account is revoked' : ''}`).join('; '),
        citation: joinCitations(...list.map((r) => r.citation)),
      };
    },
  ],
  [
    'printouts',
    'Printouts',
    (v) =>
      cited(v.destruction.printouts, (p) => {
        const when = {
          'destroy-immediately': 'file with the case or destroy at once',
          'destroy-per-archive-schedule': 'file with the case; destroy per the archive schedule',
          'destroy-within-period': `file with the case, or once not needed and ${p.holdMonthsAfterQuery} months after the query destroy within ${p.destroyWithinMonths} month(s)`,
          'destroy-immediately-or-periodically': 'file with the case, or destroy at once or periodically',
        }[p.whenNoLongerNeeded];
        return p.methodZh ? `${when} (${p.methodZh})` : when;
      }),
  ],
  ['electronic-copies', 'Electronic copies', (v) => cited(v.destruction.electronicCopies, (e) => e)],
  ['copying-forbidden', 'Copying forbidden', (v) => cited(v.destruction.copyingForbidden, yesNo)],
];

function cellFor(city: CityInfo, describe: Describe, api: Rules, date: IsoDate | undefined): ComparisonCell {
  if (date === undefined) {
    const versions = api.versions(city.id, city.service);
    const latest = versions[versions.length - 1];
    return { city: city.id, inForce: latest.status === 'in-force', versionId: latest.id, ...describe(latest) };
  }
  const lookup = api.at(city.id, city.service, date);
  if (!lookup.inForce) return { city: city.id, inForce: false, versionId: null, text: `No rules in force: ${lookup.message}`, citation: lookup.citation ?? '—' };
  return { city: city.id, inForce: true, versionId: lookup.version.id, ...describe(lookup.version) };
}

/**
 * One row per topic, one cell per city. Without a date each city's latest version is shown (Taipei's
 * repealed rules included, marked `inForce: false`); with a date, the version in force then.
 */
export function comparisonTable(date?: DateInput, api: Rules = shippedRules): ComparisonRow[] {
  const day = date === undefined ? undefined : toTaiwanDate(date);
  return ROWS.map(([id, topic, describe]) => ({ id, topic, cells: CITIES.map((city) => cellFor(city, describe, api, day)) }));
}

/** The same rows comparing the versions of one city's rules side by side (e.g. Changhua's original and revision). */
export function versionComparisonTable(city: CityId | string, api: Rules = shippedRules): { versionIds: string[]; rows: Array<{ id: string; topic: string; cells: Cell[] }> } {
  const info = cityInfo(city);
  const versions = api.versions(info.id, info.service);
  return {
    versionIds: versions.map((v) => v.id),
    rows: ROWS.map(([id, topic, describe]) => ({ id, topic, cells: versions.map(describe) })),
  };
}

function md(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', '<br>');
}

function markdownTable(header: string[], rows: Array<{ topic: string; cells: Cell[] }>): string {
  const lines = [`| ${header.map(md).join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${[md(row.topic), ...row.cells.map((c) => `${md(c.text)}<br><sub>${md(c.citation)}</sub>`)].join(' | ')} |`);
  return lines.join('\n');
}

/** docs/rules-comparison.md: deterministic (no "today"), so the checked-in file can be compared in a test. */
export function renderComparisonMarkdown(api: Rules = shippedRules): string {
  const rows = comparisonTable(undefined, api);
  const header = ['Topic', ...CITIES.map((c) => `${c.nameEn} ${c.nameZh} (${c.service})`)];
  const parts = [
    '# Rules comparison: the four cities’ WebIR rules',
    '',
    '<!-- Generated from packages/rules (the rule profiles). Do not edit by hand: run',
    '     `pnpm exec tsx packages/rules/scripts/write-comparison.ts` from the repository root. -->',
    '',
    'Each cell gives the rule and, below it, where it comes from: the city and point number of its rule document',
    '(`shared/seeds/`), `<City> (no provision…)` where the rules say nothing, or `platform default (…)` where Custos',
    'chose a value because the rule is silent or gives no number — those values are also marked “(platform default)”.',
    'Each city’s latest version is shown; Taipei’s rules were repealed on 2021-01-14, so no Taipei rules are in force today.',
    '',
    markdownTable(header, rows),
    '',
  ];
  for (const city of CITIES) {
    const { versionIds, rows: versionRows } = versionComparisonTable(city.id, api);
    if (versionIds.length < 2) continue;
    parts.push(`## ${city.nameEn} ${city.nameZh}: versions side by side`, '', markdownTable(['Topic', ...versionIds], versionRows), '');
  }
  return parts.join('\n');
}
