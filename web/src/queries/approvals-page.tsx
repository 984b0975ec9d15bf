import './queries.css';
import { useId, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useI18n } from '../i18n/i18n-context';
import { FormError } from '../ui/form-error';
import { formatDateTime } from '../ui/format';
import { Page } from '../ui/page';
import { LoadMore } from '../ui/pager';
import { EmptyState, Loading, QueryError } from '../ui/status';
import { useItemNames } from './item-names';
import { appendPage } from './query-errors';
import {
  APPROVE_QUERY_REQUEST_MUTATION,
  AWAITING_DECISION_QUERY,
  REJECT_QUERY_REQUEST_MUTATION,
  type QueryRequest,
} from './queries.operations';
import { RequestBasis } from './request-cells';

export const APPROVALS_PAGE_SIZE = 25;

/**
 * The supervisor's decision (主管核可, Changhua 5(一), Tainan 7(一)) on the requests of their unit or agency. Each
 * request is a card with everything the form said, a comment, and approve / reject; rejecting needs the reason.
 */
export function QueryApprovalsPage() {
  const { t } = useI18n();
  const { itemName } = useItemNames();
  const { data, loading, error, refetch, fetchMore } = useQuery(AWAITING_DECISION_QUERY, { variables: { first: APPROVALS_PAGE_SIZE } });
  const [decided, setDecided] = useState<string | null>(null);
  const page = data?.queryRequestsAwaitingMyDecision;

  return (
    <Page title={t('queries.approvals.title')} lead={t('queries.approvals.intro')} className="queries-page">
      <p className="field-ok" role="status">
        {decided}
      </p>
      {error && !page ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !page ? (
        <Loading />
      ) : page && page.nodes.length === 0 ? (
        <EmptyState>{t('queries.approvals.empty')}</EmptyState>
      ) : page ? (
        <>
          <ul className="approval-list" aria-label={t('queries.approvals.caption')}>
            {page.nodes.map((request) => (
              <li key={request.id}>
                <ApprovalCard
                  request={request}
                  itemName={itemName}
                  onDecided={(message) => {
                    setDecided(message);
                    void refetch();
                  }}
                />
              </li>
            ))}
          </ul>
          <LoadMore
            loaded={page.nodes.length}
            total={page.totalCount}
            hasNextPage={page.pageInfo.hasNextPage}
            loadMore={() =>
              fetchMore({
                variables: { first: APPROVALS_PAGE_SIZE, after: page.pageInfo.endCursor },
                updateQuery: (previous, { fetchMoreResult }) => ({
                  queryRequestsAwaitingMyDecision: appendPage(previous.queryRequestsAwaitingMyDecision, fetchMoreResult.queryRequestsAwaitingMyDecision),
                }),
              })
            }
          />
        </>
      ) : null}
    </Page>
  );
}

function ApprovalCard({ request, itemName, onDecided }: { request: QueryRequest; itemName(key: string): string; onDecided(message: string): void }) {
  const { t } = useI18n();
  const [approve, approving] = useMutation(APPROVE_QUERY_REQUEST_MUTATION);
  const [reject, rejecting] = useMutation(REJECT_QUERY_REQUEST_MUTATION);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const ids = { heading: useId(), comment: useId(), commentError: useId(), error: useId() };
  const busy = approving.loading || rejecting.loading;

  async function decide(decision: 'approve' | 'reject') {
    if (busy) return;
    setError(null);
    setCommentError(null);
    if (decision === 'reject' && !comment.trim()) {
      setCommentError(t('queries.approvals.reasonRequired'));
      document.getElementById(ids.comment)?.focus();
      return;
    }
    try {
      if (decision === 'approve') {
        await approve({ variables: { id: request.id, note: comment.trim() || null } });
        onDecided(t('queries.approvals.approved', { caseNumber: request.caseNumber }));
      } else {
        await reject({ variables: { id: request.id, reason: comment.trim() } });
        onDecided(t('queries.approvals.rejected', { caseNumber: request.caseNumber }));
      }
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <article className="approval-card" aria-labelledby={ids.heading} aria-busy={busy}>
      <h2 id={ids.heading}>
        {t('column.caseNumber')} {request.caseNumber}
      </h2>
      <dl className="facts">
        <dt>{t('queries.column.requester')}</dt>
        <dd>
          {request.requester.person.displayName} <span className="field-hint">({request.requester.username})</span>
        </dd>
        <dt>{t('column.purpose')}</dt>
        <dd>
          {request.purpose}
          {request.purposeCategory ? `（${t(`purposeCategory.${request.purposeCategory}`)}）` : null}
        </dd>
        <dt>{t('queries.column.basis')}</dt>
        <dd>
          <RequestBasis request={request} />
        </dd>
        <dt>{t('column.item')}</dt>
        <dd>{request.itemKeys.map(itemName).join('、')}</dd>
        <dt>{t('column.subject')}</dt>
        <dd>
          <code>{request.subjectMasked}</code>
        </dd>
        {request.proxy ? (
          <>
            <dt>{t('queries.form.proxy')}</dt>
            <dd>
              {request.proxy.onBehalfOf.person.displayName} {request.proxy.documentNumber ?? ''}
            </dd>
          </>
        ) : null}
        <dt>{t('queries.column.createdAt')}</dt>
        <dd>{formatDateTime(request.createdAt)}</dd>
      </dl>
      <div className="field">
        <label htmlFor={ids.comment}>{t('queries.approvals.comment')}</label>
        <textarea
          id={ids.comment}
          rows={2}
          maxLength={500}
          value={comment}
          aria-invalid={commentError ? true : undefined}
          aria-describedby={commentError ? ids.commentError : undefined}
          onChange={(event) => {
            setComment(event.target.value);
            setCommentError(null);
          }}
        />
        <p id={ids.commentError} className="field-error" aria-live="polite">
          {commentError}
        </p>
      </div>
      <FormError id={ids.error} error={error} />
      <div className="button-row">
        <button type="button" className="button button-approve" aria-disabled={busy} onClick={() => void decide('approve')}>
          {busy ? t('queries.approvals.deciding') : t('queries.approvals.approve')}
        </button>
        <button type="button" className="button button-reject" aria-disabled={busy} onClick={() => void decide('reject')}>
          {t('queries.approvals.reject')}
        </button>
      </div>
    </article>
  );
}
