import { isIsoDate } from '../ui/format';
import { checkSubject, type SubjectKind } from '../queries/identifiers';
import type { RegisterFilter } from '../queries/queries.operations';

/** The register's filters as typed in the form: days are Taiwan calendar days, the end day included. */
export interface RegisterFilterForm {
  from: string;
  to: string;
  accountId: string;
  itemKey: string;
  caseNumber: string;
  subjectKind: SubjectKind;
  subject: string;
}

export const EMPTY_FILTER_FORM: RegisterFilterForm = { from: '', to: '', accountId: '', itemKey: '', caseNumber: '', subjectKind: 'NATIONAL_ID', subject: '' };

/** Midnight starting a Taiwan calendar day, as an instant. */
export function startOfTaiwanDay(day: string): string {
  return new Date(`${day}T00:00:00+08:00`).toISOString();
}

/** Midnight after a Taiwan calendar day: the service's `to` is exclusive, the form's end day is included. */
export function endOfTaiwanDay(day: string): string {
  return new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();
}

export type FilterProblem = { field: 'from' | 'to'; problem: 'PERIOD' } | { field: 'subject'; problem: 'SUBJECT'; reason: string; length?: number };

/** The variables for `queryRegister`, or what is wrong with the form. */
export function registerFilter(form: RegisterFilterForm): { filter: RegisterFilter } | { problems: FilterProblem[] } {
  const problems: FilterProblem[] = [];
  const from = isIsoDate(form.from) ? form.from : '';
  const to = isIsoDate(form.to) ? form.to : '';
  if (from && to && from > to) problems.push({ field: 'from', problem: 'PERIOD' });
  const subject = form.subject.trim();
  if (subject) {
    const check = checkSubject(form.subjectKind, subject);
    if (!check.valid) problems.push({ field: 'subject', problem: 'SUBJECT', reason: check.reason, length: check.length });
  }
  if (problems.length) return { problems };
  const filter: RegisterFilter = {};
  if (from) filter.from = startOfTaiwanDay(from);
  if (to) filter.to = endOfTaiwanDay(to);
  if (form.accountId) filter.accountId = form.accountId;
  if (form.itemKey) filter.itemKey = form.itemKey;
  if (form.caseNumber.trim()) filter.caseNumber = form.caseNumber.trim();
  if (subject) {
    filter.subjectKind = form.subjectKind;
    filter.subject = subject;
  }
  return { filter };
}
