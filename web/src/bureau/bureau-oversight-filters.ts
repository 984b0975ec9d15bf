import { isIsoDate } from '../ui/format';
import { ANOMALY_RULES, AUDIT_STATES, FINDING_SEVERITIES, FINDING_STATUSES, type AuditState, type BureauAuditFilter, type BureauFindingFilter } from './bureau.operations';
import type { BureauView } from './bureau-filters';

/** One choice of a list of codes from the address; anything else is ignored, not sent. */
function choice(params: URLSearchParams, name: string, allowed: readonly string[]): Record<string, string> {
  const value = params.get(name);
  return value && allowed.includes(value) ? { [name]: value } : {};
}

/** The audits page's own choice: the state (DRAWN … SIGNED_OFF). */
export function readAuditChoices(params: URLSearchParams): Record<string, string> {
  return choice(params, 'state', AUDIT_STATES);
}

/** The findings page's own choices: severity, status and rule. */
export function readFindingChoices(params: URLSearchParams): Record<string, string> {
  return { ...choice(params, 'severity', FINDING_SEVERITIES), ...choice(params, 'status', FINDING_STATUSES), ...choice(params, 'rule', ANOMALY_RULES) };
}

/** Audits whose period meets the days asked (the API compares the audit's period, calendar days). */
export function auditFilter(view: BureauView): BureauAuditFilter {
  const filter: BureauAuditFilter = {};
  if (view.cityId) filter.cityIds = [view.cityId];
  if (view.from) filter.periodFrom = view.from;
  if (view.to) filter.periodTo = view.to;
  const state = view.choices?.state;
  if (state) filter.states = [state as AuditState];
  return filter;
}

/** Findings whose records' window meets the days asked (Taiwan calendar days, as the API takes them). */
export function findingFilter(view: BureauView): BureauFindingFilter {
  const filter: BureauFindingFilter = {};
  if (view.cityId) filter.cityIds = [view.cityId];
  if (view.from) filter.from = view.from;
  if (view.to) filter.to = view.to;
  if (view.choices?.severity) filter.severities = [view.choices.severity];
  if (view.choices?.status) filter.statuses = [view.choices.status];
  if (view.choices?.rule) filter.rule = view.choices.rule;
  return filter;
}

/**
 * An opened audit in the address (`audit=taoyuan_<id>`; `_`, which the address keeps as is): the API looks an audit up
 * by its city and id (bureauAudit). Links written before that lookup (`taoyuan_2016-01-01_2016-01-31_<id>`) still open;
 * their period is not needed. A malformed value, or a city outside the reach, opens nothing.
 */
export interface OpenedAudit {
  cityId: string;
  id: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[0-9a-f-]{36}$/i;

export function openedAuditParam(audit: OpenedAudit): string {
  return [audit.cityId, audit.id].join('_');
}

export function readOpenedAudit(value: string | null, reachCityIds: readonly string[]): OpenedAudit | null {
  const parts = (value ?? '').split('_');
  const period = parts.slice(1, -1);
  if (!(parts.length === 2 || (parts.length === 4 && period.every((day) => DAY.test(day))))) return null;
  const [cityId, id] = [parts[0]!, parts.at(-1)!];
  if (!reachCityIds.includes(cityId) || !ID.test(id)) return null;
  return { cityId, id };
}

// ---- The audit request form ----

export type AuditRequestField = 'cityId' | 'periodStart' | 'periodEnd' | 'reason' | 'dueOn';
export const EMPTY_AUDIT_REQUEST = { cityId: '', periodStart: '', periodEnd: '', reason: '', dueOn: '' };

/** Checks the form before it is sent; the API checks the same (and the city's rules) again. */
export function auditRequestProblems(form: typeof EMPTY_AUDIT_REQUEST, today: string): Partial<Record<AuditRequestField, 'required' | 'reversed' | 'future' | 'past'>> {
  const problems: Partial<Record<AuditRequestField, 'required' | 'reversed' | 'future' | 'past'>> = {};
  if (!form.cityId) problems.cityId = 'required';
  if (!isIsoDate(form.periodStart)) problems.periodStart = 'required';
  else if (form.periodStart > today) problems.periodStart = 'future';
  if (!isIsoDate(form.periodEnd)) problems.periodEnd = 'required';
  else if (isIsoDate(form.periodStart) && form.periodEnd < form.periodStart) problems.periodEnd = 'reversed';
  if (!form.reason.trim()) problems.reason = 'required';
  if (form.dueOn && isIsoDate(form.dueOn) && form.dueOn < today) problems.dueOn = 'past';
  return problems;
}

