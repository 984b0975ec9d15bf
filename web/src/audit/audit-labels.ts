import type { I18n } from '../i18n/i18n-context';
import type { BadgeTone } from '../ui/status';
import type { MessageKey } from '../i18n/dictionaries';
import type { AnomalyRule, AuditState, FindingSeverity, FindingStatus } from './audit.operations';

/**
 * A finding's rule in words. A rule the platform does not know (a finding kept from before the database
 * checked rule ids) comes with `rule: null`: it is named as unknown, with the id it was stored under.
 */
export function findingRuleLabel(i18n: Pick<I18n, 't' | 'codeLabel'>, prefix: 'audit.finding.rule' | 'bureau.rule', finding: { rule: string | null; ruleId: string }): string {
  return finding.rule ? i18n.codeLabel(prefix, finding.rule) : i18n.t('audit.finding.ruleUnknown', { ruleId: finding.ruleId });
}

const text = (value: unknown): string | null => (typeof value === 'string' || typeof value === 'number' ? String(value) : null);
const field = (value: unknown, name: string): unknown => (value && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined);

/** The figures each rule's sentence needs, read from the finding's details; null when one is missing. */
function summaryParams(rule: AnomalyRule, details: unknown, count: number): { key: string; params: Record<string, string | number> } | null {
  const all = (params: Record<string, string | null>, key = rule as string) =>
    Object.values(params).every((value) => value !== null) ? { key, params: { ...(params as Record<string, string>), count } } : null;
  switch (rule) {
    case 'OUTSIDE_OFFICE_HOURS':
      return all({ day: text(field(details, 'day')), from: text(field(field(details, 'officeHours'), 'from')), to: text(field(field(details, 'officeHours'), 'to')) });
    case 'BULK_QUERIES':
      return all({
        day: text(field(details, 'day')),
        peak: text(field(details, 'peak')),
        minutes: text(field(field(details, 'threshold'), 'windowMinutes')),
        threshold: text(field(field(details, 'threshold'), 'queries')),
      });
    case 'VOLUME_ABOVE_BASELINE':
      return all({ day: text(field(details, 'day')), baseline: text(field(details, 'baselinePerDay')), days: text(field(details, 'historyDays')) });
    case 'SUBJECT_MANY_USERS':
      return all({ month: text(field(details, 'month')), accounts: text(field(details, 'accounts')), agencies: text(field(details, 'agencies')) });
    case 'UNREGISTERED_BUREAU_QUERY': {
      const codes = field(details, 'itemCodes');
      const items = Array.isArray(codes) ? codes.filter((code) => typeof code === 'string').join(', ') : null;
      const user = text(field(details, 'userAccount'));
      // A bureau user the import could not map to an account is named as the bureau knows them.
      return user ? all({ day: text(field(details, 'day')), items, user }, 'UNREGISTERED_BUREAU_QUERY_USER') : all({ day: text(field(details, 'day')), items });
    }
  }
}

/**
 * A finding in words, in the console's language, from its rule and details. The server's own summary (English) when
 * the rule is unknown or the details lack a figure the sentence needs.
 */
export function findingSummary(i18n: Pick<I18n, 't'>, finding: { rule: AnomalyRule | null; summary: string; recordCount: number; details?: string | null }): string {
  if (!finding.rule || !finding.details) return finding.summary;
  let details: unknown;
  try {
    details = JSON.parse(finding.details);
  } catch {
    return finding.summary;
  }
  const sentence = summaryParams(finding.rule, details, finding.recordCount);
  return sentence ? i18n.t(`audit.finding.summary.${sentence.key}` as MessageKey, sentence.params) : finding.summary;
}

export const AUDIT_STATE_TONES: Record<AuditState, BadgeTone> = {
  DRAWN: 'info',
  IN_REVIEW: 'warning',
  READY_FOR_SIGNOFF: 'info',
  SIGNING: 'warning',
  SIGNED_OFF: 'ok',
};

export const SEVERITY_TONES: Record<FindingSeverity, BadgeTone> = { HIGH: 'danger', MEDIUM: 'warning', LOW: 'info' };

export const FINDING_STATUS_TONES: Record<FindingStatus, BadgeTone> = { OPEN: 'danger', INVESTIGATING: 'warning', CLOSED: 'ok' };

/** Chart colours per severity (the legend and the data table name them too). */
export const SEVERITY_COLORS: Record<FindingSeverity, string> = { HIGH: '#c2410c', MEDIUM: '#a16207', LOW: '#2563eb' };
