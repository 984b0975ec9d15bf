import type { I18n } from '../i18n/i18n-context';
import type { BadgeTone } from '../ui/status';
import type { AuditState, FindingSeverity, FindingStatus } from './audit.operations';

/**
 * A finding's rule in words. A rule the platform does not know (a finding kept from before the database
 * checked rule ids) comes with `rule: null`: it is named as unknown, with the id it was stored under.
 */
export function findingRuleLabel(i18n: Pick<I18n, 't' | 'codeLabel'>, prefix: 'audit.finding.rule' | 'bureau.rule', finding: { rule: string | null; ruleId: string }): string {
  return finding.rule ? i18n.codeLabel(prefix, finding.rule) : i18n.t('audit.finding.ruleUnknown', { ruleId: finding.ruleId });
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
