import type { BadgeTone } from '../ui/status';
import type { AuditState, FindingSeverity, FindingStatus } from './audit.operations';

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
