import { useI18n } from '../i18n/i18n-context';
import { Badge, type BadgeTone } from '../ui/status';
import { formatDate, formatDateTime } from '../ui/format';
import type { QueryRequest } from './queries.operations';

const STATUS_TONE: Record<QueryRequest['status'], BadgeTone> = { PENDING: 'warning', APPROVED: 'ok', REJECTED: 'danger', EXPIRED: 'neutral' };

/** A request may be recorded against once approved, or at once where the city's rules ask for no approval. */
export function canRecord(request: QueryRequest): boolean {
  return request.status === 'APPROVED' || (!request.preApprovalRequired && request.status === 'PENDING');
}

export function RequestStatus({ request }: { request: QueryRequest }) {
  const { t } = useI18n();
  if (!request.preApprovalRequired && !request.decision) return <Badge tone="info">{t('queries.status.notRequired')}</Badge>;
  return <Badge tone={STATUS_TONE[request.status]}>{t(`queries.status.${request.status}`)}</Badge>;
}

export function RequestBasis({ request }: { request: QueryRequest }) {
  const { t } = useI18n();
  if (request.legalBasis) return <>{request.legalBasis}</>;
  if (request.consentDocument) return <>{t('queries.basis.consent', { reference: request.consentDocument })}</>;
  return <>{t('common.none')}</>;
}

export function RequestDecision({ request }: { request: QueryRequest }) {
  const { t } = useI18n();
  const decision = request.decision;
  if (!decision) return <>{t('common.none')}</>;
  return (
    <span className="decision">
      {t('queries.decision.by', { name: decision.decidedBy.person.displayName, date: formatDateTime(decision.decidedAt) })}
      {decision.expiresAt ? <span className="field-hint"> {t('queries.decision.expires', { date: formatDate(decision.expiresAt) })}</span> : null}
      {decision.note ? <span className="decision-note">{t('queries.decision.note', { note: decision.note })}</span> : null}
    </span>
  );
}
