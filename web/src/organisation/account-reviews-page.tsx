import { useId, useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useI18n } from '../i18n/i18n-context';
import { localizedName } from '../i18n/localized-name';
import type { PageProps } from '../shell/signed-in-routes';
import { DataTable, useSortedRows, type Column } from '../ui/data-table';
import { FormError } from '../ui/form-error';
import { formatDate, formatDateTime } from '../ui/format';
import { Page } from '../ui/page';
import { MoreButton } from './more-button';
import { Badge, EmptyState, Loading, QueryError } from '../ui/status';
import {
  ACCOUNT_REVIEW_QUERY,
  ACCOUNT_REVIEWS_QUERY,
  COMPLETE_REVIEW_MUTATION,
  DECIDE_ROW_MUTATION,
  START_REVIEW_MUTATION,
  type AccountReviewRow,
  type AccountReviewSummary,
} from './organisation.operations';
import { ORGANISATION_ADMIN_ROLES } from './organisation-roles';
import '../audit/audit.css';

const PAGE_SIZE = 20;

/** The periodic account review (Changhua 6(一), Tainan 4(二)1): start one, decide keep or revoke per row, complete it. */
export function AccountReviewsPage({ account }: PageProps) {
  const { t } = useI18n();
  const [openId, setOpenId] = useState<string | null>(null);
  const mayAct = account.roles.some((role) => ORGANISATION_ADMIN_ROLES.includes(role));
  const { data, loading, error, refetch, fetchMore } = useQuery(ACCOUNT_REVIEWS_QUERY, { variables: { first: PAGE_SIZE } });
  const reviews = data?.accountReviews.nodes ?? [];
  const openReview = reviews.find((review) => review.status === 'OPEN');

  if (openId) {
    return (
      <Page title={t('org.review.detailTitle')} className="page-wide">
        <p>
          <button type="button" className="button" onClick={() => { setOpenId(null); void refetch().catch(() => undefined); }}>
            {t('org.review.back')}
          </button>
        </p>
        <ReviewDetail id={openId} mayAct={mayAct} />
      </Page>
    );
  }

  return (
    <Page title={t('org.review.title')} lead={t('org.review.intro')} className="page-wide">
      {mayAct && data && !openReview ? <StartReviewForm onStarted={setOpenId} /> : null}
      {openReview ? (
        <p className="notice notice-info">
          {t('org.review.openNotice', { date: formatDate(openReview.startedAt) })}{' '}
          <button type="button" className="button" onClick={() => setOpenId(openReview.id)}>
            {t('org.review.continue')}
          </button>
        </p>
      ) : null}
      <section className="section" aria-labelledby="reviews-heading">
        <h2 id="reviews-heading">{t('org.review.listTitle')}</h2>
        {error && !data ? (
          <QueryError error={error} onRetry={() => refetch()} />
        ) : loading && !data ? (
          <Loading />
        ) : reviews.length === 0 ? (
          <EmptyState>{t('org.review.empty')}</EmptyState>
        ) : (
          <>
            <ReviewsTable reviews={reviews} onOpen={setOpenId} complete={!data?.accountReviews.pageInfo.hasNextPage} />
            {data?.accountReviews.pageInfo.hasNextPage ? (
              <MoreButton loadMore={() => fetchMore({ variables: { first: PAGE_SIZE, after: data.accountReviews.pageInfo.endCursor } })} />
            ) : null}
          </>
        )}
      </section>
    </Page>
  );
}

function ReviewsTable({ reviews, onOpen, complete }: { reviews: AccountReviewSummary[]; onOpen(id: string): void; complete: boolean }) {
  const { t, codeLabel } = useI18n();
  const columns = useMemo<Column<AccountReviewSummary>[]>(
    () => [
      { id: 'startedAt', header: t('org.review.startedAt'), className: 'nowrap', rowHeader: true, sortValue: (r) => r.startedAt, firstDirection: 'descending', cell: (r) => formatDateTime(r.startedAt) },
      { id: 'reason', header: t('org.review.reason'), sortValue: (r) => r.reason, cell: (r) => r.reason },
      {
        id: 'status',
        header: t('column.state'),
        sortValue: (r) => r.status,
        cell: (r) => <Badge tone={r.status === 'OPEN' ? 'warning' : 'ok'}>{codeLabel('org.review.status', r.status)}</Badge>,
      },
      {
        id: 'rows',
        header: t('org.review.decided'),
        sortValue: (r) => r.rows.length,
        cell: (r) => t('org.review.decidedCount', { decided: r.rows.filter((row) => row.decision).length, total: r.rows.length }),
      },
      { id: 'retainUntil', header: t('org.review.retainUntil'), className: 'nowrap', sortValue: (r) => r.retainUntil, cell: (r) => r.retainUntil },
      {
        id: 'open',
        header: t('org.actions'),
        cell: (r) => (
          <button type="button" className="button" onClick={() => onOpen(r.id)}>
            {t('org.review.open', { date: formatDate(r.startedAt) })}
          </button>
        ),
      },
    ],
    [t, codeLabel, onOpen],
  );
  const sorted = useSortedRows(reviews, columns, { columnId: 'startedAt', direction: 'descending' });
  return (
    <DataTable
      caption={t('org.review.caption')}
      columns={columns}
      rows={sorted.rows}
      rowKey={(r) => r.id}
      sort={sorted.sort}
      onSort={sorted.sortBy}
      note={complete ? undefined : t('list.sortPartial', { loaded: reviews.length })}
    />
  );
}

function StartReviewForm({ onStarted }: { onStarted(id: string): void }) {
  const { t } = useI18n();
  const ids = { heading: useId(), reason: useId(), problem: useId(), error: useId() };
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState(false);
  const [start, { loading, error, reset }] = useMutation(START_REVIEW_MUTATION, { refetchQueries: [ACCOUNT_REVIEWS_QUERY] });
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (loading) return;
    setProblem(reason.trim() === '');
    if (reason.trim() === '') return;
    reset();
    try {
      const answer = await start({ variables: { reason: reason.trim() } });
      if (answer.data) onStarted(answer.data.startAccountReview.id);
    } catch {
      // Shown below; the reason stays.
    }
  }
  return (
    <section className="card audit-draw" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{t('org.review.startTitle')}</h2>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor={ids.reason}>{t('org.review.reason')}</label>
          <input
            id={ids.reason}
            type="text"
            value={reason}
            placeholder={t('org.review.reasonPlaceholder')}
            aria-invalid={problem || undefined}
            aria-describedby={problem ? ids.problem : undefined}
            onChange={(event) => setReason(event.target.value)}
          />
          {problem ? (
            <p id={ids.problem} className="field-error">
              {t('org.required')}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button button-strong" aria-disabled={loading}>
          {loading ? t('org.saving') : t('org.review.start')}
        </button>
        <FormError id={ids.error} error={error} />
      </form>
    </section>
  );
}

function ReviewDetail({ id, mayAct }: { id: string; mayAct: boolean }) {
  const { t, codeLabel } = useI18n();
  const errorId = useId();
  const { data, loading, error, refetch } = useQuery(ACCOUNT_REVIEW_QUERY, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [complete, completion] = useMutation(COMPLETE_REVIEW_MUTATION);
  const review = data?.accountReview;
  if (error && !review) return <QueryError error={error} onRetry={() => refetch()} />;
  if (loading && !review) return <Loading />;
  if (!review) return <EmptyState>{t('org.review.notFound')}</EmptyState>;
  const undecided = review.rows.filter((row) => !row.decision).length;
  const open = review.status === 'OPEN';
  return (
    <>
      <section className="section" aria-labelledby="review-facts">
        <h2 id="review-facts">{review.reason}</h2>
        <p>
          <Badge tone={open ? 'warning' : 'ok'}>{codeLabel('org.review.status', review.status)}</Badge>{' '}
          {t('org.review.decidedCount', { decided: review.rows.length - undecided, total: review.rows.length })}
        </p>
        <dl className="facts audit-facts">
          <div>
            <dt>{t('org.review.checks')}</dt>
            <dd>
              {review.checks.map((check) => codeLabel('org.review.finding', check)).join('、')} <span className="citation">{t('common.citation', { citation: review.checksCitation })}</span>
            </dd>
          </div>
          <div>
            <dt>{t('org.review.idle')}</dt>
            <dd>
              {t('org.review.idleDays', { days: review.idleDays })} <span className="citation">{t('common.citation', { citation: review.idleCitation })}</span>
            </dd>
          </div>
          <div>
            <dt>{t('org.review.retainUntil')}</dt>
            <dd>
              {review.retainUntil} <span className="citation">{t('common.citation', { citation: review.retentionCitation })}</span>
            </dd>
          </div>
        </dl>
      </section>
      <section className="section" aria-labelledby="review-rows">
        <h2 id="review-rows">{t('org.review.rowsTitle')}</h2>
        {review.rows.length === 0 ? (
          <EmptyState>{t('org.review.noRows')}</EmptyState>
        ) : (
          <ReviewRows rows={review.rows} mayDecide={open && mayAct} onDecided={() => refetch().then(() => undefined)} />
        )}
      </section>
      {open && mayAct ? (
        <section className="section" aria-labelledby="review-complete">
          <h2 id="review-complete">{t('org.review.completeTitle')}</h2>
          <p className="section-meta">{undecided > 0 ? t('org.review.undecided', { count: undecided }) : t('org.review.readyToComplete')}</p>
          <button
            type="button"
            className="button button-strong"
            aria-disabled={completion.loading}
            onClick={() => {
              if (completion.loading) return;
              completion.reset();
              void complete({ variables: { reviewId: review.id } }).catch(() => undefined);
            }}
          >
            {completion.loading ? t('org.saving') : t('org.review.complete')}
          </button>
          <FormError id={errorId} error={completion.error} />
        </section>
      ) : null}
    </>
  );
}

function ReviewRows({ rows, mayDecide, onDecided }: { rows: AccountReviewRow[]; mayDecide: boolean; onDecided(): Promise<void> }) {
  const { t, codeLabel, language } = useI18n();
  const [openRow, setOpenRow] = useState<string | null>(null);
  const columns = useMemo<Column<AccountReviewRow>[]>(
    () => [
      { id: 'username', header: t('column.username'), rowHeader: true, sortValue: (r) => r.account?.username ?? r.accountId, cell: (r) => <code>{r.account?.username ?? r.accountId}</code> },
      { id: 'name', header: t('column.name'), sortValue: (r) => r.account?.person.displayName ?? '', cell: (r) => r.account?.person.displayName ?? t('common.none') },
      { id: 'agency', header: t('column.agency'), sortValue: (r) => (r.account ? localizedName(r.account.agency, language) : ''), cell: (r) => (r.account ? localizedName(r.account.agency, language) : t('common.none')) },
      {
        id: 'findings',
        header: t('org.review.findings'),
        sortValue: (r) => r.findings.join(','),
        cell: (r) => (
          <ul className="role-list">
            {r.findings.map((finding) => (
              <li key={finding}>
                {codeLabel('org.review.finding', finding)}
                {finding === 'DUPLICATE' && r.otherAccountUsernames.length > 0 ? `（${r.otherAccountUsernames.join('、')}）` : ''}
                {(finding === 'MOVED' || finding === 'DEPARTED') && r.leftOn ? `（${r.leftOn}）` : ''}
              </li>
            ))}
          </ul>
        ),
      },
      { id: 'lastActivity', header: t('org.review.lastActivity'), className: 'nowrap', sortValue: (r) => r.lastActivityAt, cell: (r) => formatDateTime(r.lastActivityAt) },
      {
        id: 'decision',
        header: t('org.review.decision'),
        sortValue: (r) => r.decision ?? '',
        cell: (r) =>
          r.decision ? (
            <>
              <Badge tone={r.decision === 'KEEP' ? 'ok' : 'danger'}>{codeLabel('org.review.decision', r.decision)}</Badge> <span className="muted">{r.decisionReason}</span>
            </>
          ) : mayDecide ? (
            <button type="button" className="button" aria-expanded={openRow === r.id} onClick={() => setOpenRow(openRow === r.id ? null : r.id)}>
              {t('org.review.decide', { username: r.account?.username ?? r.accountId })}
            </button>
          ) : (
            <Badge tone="neutral">{t('org.review.pending')}</Badge>
          ),
      },
    ],
    [t, codeLabel, language, mayDecide, openRow],
  );
  const sorted = useSortedRows(rows, columns, { columnId: 'username', direction: 'ascending' });
  const row = rows.find((candidate) => candidate.id === openRow && !candidate.decision);
  return (
    <>
      <DataTable caption={t('org.review.rowsCaption')} columns={columns} rows={sorted.rows} rowKey={(r) => r.id} sort={sorted.sort} onSort={sorted.sortBy} />
      {row ? (
        <DecideForm
          key={row.id}
          row={row}
          onDone={async () => {
            setOpenRow(null);
            await onDecided();
          }}
        />
      ) : null}
    </>
  );
}

function DecideForm({ row, onDone }: { row: AccountReviewRow; onDone(): Promise<void> }) {
  const { t, codeLabel } = useI18n();
  const ids = { heading: useId(), reason: useId(), decisionProblem: useId(), reasonProblem: useId(), error: useId() };
  const [decision, setDecision] = useState<'KEEP' | 'REVOKE' | ''>('');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<{ decision?: boolean; reason?: boolean }>({});
  const [decide, { loading, error, reset }] = useMutation(DECIDE_ROW_MUTATION);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (loading) return;
    const found = { decision: decision === '', reason: reason.trim() === '' };
    setProblems(found);
    if (found.decision || found.reason || decision === '') return;
    reset();
    try {
      await decide({ variables: { input: { rowId: row.id, decision, reason: reason.trim() } } });
      await onDone();
    } catch {
      // Shown below; the choice stays.
    }
  }
  return (
    <form noValidate className="card audit-judge" aria-labelledby={ids.heading} onSubmit={(event) => void submit(event)}>
      <h3 id={ids.heading}>{t('org.review.decideTitle', { username: row.account?.username ?? row.accountId })}</h3>
      <fieldset aria-describedby={problems.decision ? ids.decisionProblem : undefined}>
        <legend>{t('org.review.decision')}</legend>
        {(['KEEP', 'REVOKE'] as const).map((option) => (
          <label key={option} className="inline-choice">
            <input type="radio" name={ids.heading} value={option} checked={decision === option} onChange={() => setDecision(option)} /> {codeLabel('org.review.decision', option)}
          </label>
        ))}
        {problems.decision ? (
          <p id={ids.decisionProblem} className="field-error">
            {t('org.review.chooseDecision')}
          </p>
        ) : null}
      </fieldset>
      {decision === 'REVOKE' ? <p className="notice notice-warning">{t('org.review.revokeWarning')}</p> : null}
      <div className="field">
        <label htmlFor={ids.reason}>{t('org.review.decisionReason')}</label>
        <input
          id={ids.reason}
          type="text"
          value={reason}
          aria-invalid={problems.reason || undefined}
          aria-describedby={problems.reason ? ids.reasonProblem : undefined}
          onChange={(event) => setReason(event.target.value)}
        />
        {problems.reason ? (
          <p id={ids.reasonProblem} className="field-error">
            {t('org.required')}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button button-strong" aria-disabled={loading}>
        {loading ? t('org.saving') : t('org.review.saveDecision')}
      </button>
      <FormError id={ids.error} error={error} />
    </form>
  );
}
