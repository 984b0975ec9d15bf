import { CITIES } from './cities';
import { findItem } from './catalogue';
import { ProfileValidationError, type ProfileIssue } from './errors';
import type { PlatformRole } from './ids';
import { ruleProfileShape, type RuleProfile, type RuleVersion } from './schema';

/** Citations of platform choices start with this, so a reader can tell them from the rule's own words. */
export const PLATFORM_DEFAULT_CITATION = 'platform default';

type Path = readonly (string | number)[];

/**
 * Parse and check one city's rule profile. Throws ProfileValidationError naming the city, the
 * version and the field path of every problem, so a broken profile stops the process at load
 * instead of misjudging records later.
 */
export function validateProfile(input: unknown): RuleProfile {
  const parsed = ruleProfileShape.safeParse(input);
  if (!parsed.success) {
    throw new ProfileValidationError(parsed.error.issues.map((issue) => toIssue(input, issue.path, issue.message)));
  }
  const problems: Array<{ path: Path; message: string }> = [];
  checkProfile(parsed.data, (path, message) => problems.push({ path, message }));
  if (problems.length > 0) {
    throw new ProfileValidationError(problems.map((p) => toIssue(input, p.path, p.message)));
  }
  return parsed.data;
}

/** Validate a set of profiles and check that no (city, service) pair is defined twice. */
export function validateProfiles(inputs: readonly unknown[]): RuleProfile[] {
  const profiles = inputs.map(validateProfile);
  const seen = new Set<string>();
  const issues: ProfileIssue[] = [];
  for (const p of profiles) {
    const key = `${p.city}/${p.service}`;
    if (seen.has(key)) issues.push({ city: p.city, version: '(profile)', path: 'service', message: `a second profile for ${key}` });
    seen.add(key);
  }
  if (issues.length > 0) throw new ProfileValidationError(issues);
  return profiles;
}

function toIssue(input: unknown, path: readonly PropertyKey[], message: string): ProfileIssue {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as { city?: unknown; versions?: unknown };
  const city = typeof raw.city === 'string' ? raw.city : '(unknown city)';
  if (path[0] === 'versions' && typeof path[1] === 'number') {
    const versions = Array.isArray(raw.versions) ? raw.versions : [];
    const v = versions[path[1]] as { id?: unknown } | undefined;
    const version = typeof v?.id === 'string' ? v.id : `#${path[1]}`;
    return { city, version, path: formatPath(path.slice(2)) || '(version)', message };
  }
  return { city, version: '(profile)', path: formatPath(path) || '(profile)', message };
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

type Report = (path: Path, message: string) => void;

function checkProfile(profile: RuleProfile, report: Report): void {
  const city = CITIES.find((c) => c.id === profile.city);
  if (!city) return; // unreachable: the schema restricts city ids
  if (city.service !== profile.service) {
    report(['service'], `${city.nameEn} rules govern ${city.service}, not ${profile.service}`);
  }

  const ids = new Set<string>();
  profile.versions.forEach((version, i) => {
    const at = (...rest: Path): Path => ['versions', i, ...rest];
    if (ids.has(version.id)) report(at('id'), `duplicate version id "${version.id}"`);
    ids.add(version.id);
    checkDates(profile, i, at, report);
    checkCitations(version, city.citationName, at, report);
    checkVersion(version, profile.service, at, report);
  });
}

function checkDates(profile: RuleProfile, i: number, at: (...rest: Path) => Path, report: Report): void {
  const version = profile.versions[i];
  const next = profile.versions[i + 1];
  const { effectiveFrom, effectiveUntil } = version;
  if (effectiveUntil !== undefined && effectiveUntil <= effectiveFrom) {
    report(at('effectiveUntil'), `must be after effectiveFrom ${effectiveFrom}`);
  }
  if (effectiveUntil !== undefined && version.effectiveUntilBasis === undefined) {
    report(at('effectiveUntilBasis'), 'an end date needs its citation');
  }
  if (next !== undefined) {
    // Versions are contiguous so every date before the last end has exactly one version.
    if (effectiveUntil !== next.effectiveFrom) {
      report(at('effectiveUntil'), `must equal the next version's effectiveFrom ${next.effectiveFrom} (versions are contiguous, oldest first)`);
    }
    if (version.repeal !== undefined) report(at('repeal'), 'only the last version can be repealed without a successor');
  }
  if (effectiveUntil === undefined && version.status !== 'in-force') {
    report(at('status'), 'a version without effectiveUntil is in force');
  }
  if (effectiveUntil !== undefined && version.status !== 'repealed') {
    report(at('status'), 'a version with effectiveUntil is no longer in force: status must be "repealed"');
  }
  if (next === undefined && effectiveUntil !== undefined) {
    if (version.repeal === undefined) report(at('repeal'), 'the last version ends, so the profile must say how it was repealed');
    else if (version.repeal.date !== effectiveUntil) report(at('repeal', 'date'), `must equal effectiveUntil ${effectiveUntil}`);
  }
}

/** Every citation of the rule's own text must name this city; every platform choice must say why. */
function checkCitations(node: unknown, citationName: string, at: (...rest: Path) => Path, report: Report, path: Path = []): void {
  if (Array.isArray(node)) {
    node.forEach((child, i) => checkCitations(child, citationName, at, report, [...path, i]));
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  if (typeof record.citation === 'string') {
    const { citation, source, note } = record as { citation: string; source?: string; note?: string };
    if (source === 'platform-default') {
      if (!citation.startsWith(PLATFORM_DEFAULT_CITATION)) {
        report(at(...path, 'citation'), `a platform default is cited as "${PLATFORM_DEFAULT_CITATION} (…)", got "${citation}"`);
      }
      if (note === undefined) report(at(...path, 'note'), 'a platform default must explain itself in a note');
    } else if (!citation.startsWith(`${citationName} `)) {
      report(at(...path, 'citation'), `"${citation}" does not cite ${citationName}'s rules (expected "${citationName} <point>")`);
    }
  }
  for (const [key, child] of Object.entries(record)) checkCitations(child, citationName, at, report, [...path, key]);
}

function checkVersion(version: RuleVersion, service: RuleProfile['service'], at: (...rest: Path) => Path, report: Report): void {
  // Roles: a present role has a title; every actor the version names must be a role it has.
  for (const [role, mapping] of Object.entries(version.roles)) {
    if (mapping.value.present !== (mapping.value.titleZh !== null)) {
      report(at('roles', role, 'value', 'titleZh'), mapping.value.present ? 'a present role needs its local title' : 'an absent role has no title');
    }
  }
  const requirePresent = (role: PlatformRole, path: Path) => {
    if (!version.roles[role].value.present) report(at(...path), `${role} acts here but is not a role in this version (roles.${role}.value.present is false)`);
  };

  const formKinds = new Set<string>();
  version.forms.forEach((form, i) => {
    if (formKinds.has(form.kind)) report(at('forms', i, 'kind'), `duplicate form kind "${form.kind}"`);
    formKinds.add(form.kind);
  });
  const requireForm = (kind: string | null, path: Path) => {
    if (kind !== null && !formKinds.has(kind)) report(at(...path), `form "${kind}" is not among this version's forms`);
  };

  for (const [kind, application] of Object.entries(version.applications)) {
    const base = ['applications', kind] as const;
    requireForm(application.formKind, [...base, 'formKind']);
    if (application.available.value) {
      if (application.steps.length === 0) report(at(...base, 'steps'), 'an available application needs at least one approval step');
      if (application.operations.value.length === 0) report(at(...base, 'operations', 'value'), 'an available application needs at least one operation');
    } else {
      if (application.steps.length > 0) report(at(...base, 'steps'), 'an unavailable application has no steps');
      if (application.operations.value.length > 0) report(at(...base, 'operations', 'value'), 'an unavailable application has no operations');
    }
    application.steps.forEach((step, i) => {
      requirePresent(step.role, [...base, 'steps', i, 'role']);
      step.alternatives?.forEach((alt, j) => requirePresent(alt.role, [...base, 'steps', i, 'alternatives', j, 'role']));
    });
  }

  const eligibility = version.itemEligibility.value;
  eligibility.items.forEach((key, i) => {
    const item = findItem(key);
    if (item === undefined || item.service !== service) report(at('itemEligibility', 'value', 'items', i), `"${key}" is not a ${service} catalogue item`);
  });
  if (eligibility.mode === 'listed-items-only' && eligibility.items.length === 0) {
    report(at('itemEligibility', 'value', 'items'), 'listed-items-only needs at least one item');
  }

  const login = version.login;
  if (login.certificateRequired.value && !login.certificateAllowed.value) {
    report(at('login', 'certificateAllowed', 'value'), 'a required certificate must be allowed');
  }
  if (!login.certificateAllowed.value && !login.passwordAllowed.value) {
    report(at('login', 'passwordAllowed', 'value'), 'no way to log in: neither certificate nor password is allowed');
  }
  for (const field of ['passwordMaxAgeDays', 'passwordComplexity'] as const) {
    const hasValue = login[field].value !== null;
    if (login.passwordAllowed.value !== hasValue) {
      report(at('login', field, 'value'), login.passwordAllowed.value ? 'passwords are allowed, so this must be set' : 'passwords are not allowed, so this must be null');
    }
  }

  const queries = version.queries;
  if (queries.supervisorPreApproval.value !== (queries.preApprovalValidityHours.value !== null)) {
    report(at('queries', 'preApprovalValidityHours', 'value'), 'set exactly when supervisor pre-approval is required');
  }
  if (queries.officeHoursOnly.value && queries.officeHours.value === null) {
    report(at('queries', 'officeHours', 'value'), 'office-hours-only needs the hours');
  }
  requireForm(queries.registerFormKind, ['queries', 'registerFormKind']);
  requireForm(queries.proxyQueries.value.formKind, ['queries', 'proxyQueries', 'value', 'formKind']);
  if (queries.proxyQueries.value.writtenAuthorisationRequired && queries.proxyQueries.value.formKind === null) {
    report(at('queries', 'proxyQueries', 'value', 'formKind'), 'a written authorisation needs its form');
  }

  const obligationIds = new Set<string>();
  version.obligations.forEach((o, i) => {
    if (obligationIds.has(o.id)) report(at('obligations', i, 'id'), `duplicate obligation id "${o.id}"`);
    obligationIds.add(o.id);
    requirePresent(o.owner, ['obligations', i, 'owner']);
    const eventRule = o.dueRule.type === 'days-after-event' || o.dueRule.type === 'on-or-before-event' || o.dueRule.type === 'upon-event';
    if ((o.cadence === 'event') !== eventRule) report(at('obligations', i, 'dueRule', 'type'), `"${o.dueRule.type}" does not fit cadence "${o.cadence}"`);
    if (o.dueRule.type === 'day-of-following-month' && o.cadence !== 'monthly') report(at('obligations', i, 'dueRule', 'type'), 'day-of-following-month is for monthly obligations');
    if (o.dueRule.type === 'month-day-following-year' && o.cadence !== 'yearly') report(at('obligations', i, 'dueRule', 'type'), 'month-day-following-year is for yearly obligations');
  });

  const audits = version.audits;
  const sampling = audits.sampling.value;
  if (sampling !== null && sampling.maximum !== null && sampling.maximum < sampling.minimum) {
    report(at('audits', 'sampling', 'value', 'maximum'), `must be at least the minimum ${sampling.minimum}`);
  }
  requireForm(audits.checklist.value.formKind, ['audits', 'checklist', 'value', 'formKind']);
  const itemIds = new Set<string>();
  audits.checklist.value.items.forEach((item, i) => {
    if (itemIds.has(item.id)) report(at('audits', 'checklist', 'value', 'items', i, 'id'), `duplicate checklist item "${item.id}"`);
    itemIds.add(item.id);
  });
  audits.anomalyTeam.value.members.forEach((role, i) => requirePresent(role, ['audits', 'anomalyTeam', 'value', 'members', i]));
  if (audits.resultsReviewedBy.value !== null) requirePresent(audits.resultsReviewedBy.value, ['audits', 'resultsReviewedBy', 'value']);

  const recordKinds = new Set<string>();
  version.retention.value.forEach((r, i) => {
    if (recordKinds.has(r.recordKind)) report(at('retention', 'value', i, 'recordKind'), `duplicate retention rule for "${r.recordKind}"`);
    recordKinds.add(r.recordKind);
  });
}
