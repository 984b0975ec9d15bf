import './queries.css';
import { useMemo, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { useI18n } from '../i18n/i18n-context';
import { DataTable, useSortedRows, type Column } from '../ui/data-table';
import { formatDateTime } from '../ui/format';
import { Page } from '../ui/page';
import { LoadMore } from '../ui/pager';
import { EmptyState, Loading, QueryError } from '../ui/status';
import { useItemNames } from './item-names';
import { appendPage } from './query-errors';
import { MY_QUERY_REQUESTS_QUERY, type QueryRequest } from './queries.operations';
import { RecordQueryPanel } from './record-query-panel';
import { canRecord, RequestBasis, RequestDecision, RequestStatus } from './request-cells';
import { RequestForm } from './request-form';

export const REQUESTS_PAGE_SIZE = 25;

/** The caseworker's query requests: file one, follow its approval, record the queries made under it. */
export function QueryRequestsPage() {
  const { t } = useI18n();
  const { itemName } = useItemNames();
  const { data, loading, error, refetch, fetchMore } = useQuery(MY_QUERY_REQUESTS_QUERY, {
    variables: { first: REQUESTS_PAGE_SIZE },
    notifyOnNetworkStatusChange: false,
  });
  const [recording, setRecording] = useState<QueryRequest | null>(null);
  const page = data?.myQueryRequests;

  return (
    <Page title={t('queries.requests.title')} lead={t('queries.requests.intro')} className="queries-page">
      <RequestForm onCreated={() => void refetch()} />
      <section className="requests-section" aria-labelledby="my-requests-heading">
        <h2 id="my-requests-heading">{t('queries.mine.title')}</h2>
        {error && !page ? (
          <QueryError error={error} onRetry={() => refetch()} />
        ) : loading && !page ? (
          <Loading />
        ) : page && page.nodes.length === 0 ? (
          <EmptyState hint={t('queries.mine.emptyHint')}>{t('queries.mine.empty')}</EmptyState>
        ) : page ? (
          <>
            <RequestsTable
              requests={page.nodes}
              complete={!page.pageInfo.hasNextPage}
              itemName={itemName}
              onRecord={(request) => setRecording(request)}
            />
            <LoadMore
              loaded={page.nodes.length}
              total={page.totalCount}
              hasNextPage={page.pageInfo.hasNextPage}
              loadMore={() =>
                fetchMore({
                  variables: { first: REQUESTS_PAGE_SIZE, after: page.pageInfo.endCursor },
                  updateQuery: (previous, { fetchMoreResult }) => ({
                    myQueryRequests: appendPage(previous.myQueryRequests, fetchMoreResult.myQueryRequests),
                  }),
                })
              }
            />
          </>
        ) : null}
      </section>
      {recording ? (
        <RecordQueryPanel
          key={recording.id}
          request={recording}
          itemName={itemName}
          onClose={() => setRecording(null)}
          onRecorded={() => undefined}
        />
      ) : null}
    </Page>
  );
}

function RequestsTable({
  requests,
  complete,
  itemName,
  onRecord,
}: {
  requests: QueryRequest[];
  complete: boolean;
  itemName(key: string): string;
  onRecord(request: QueryRequest): void;
}) {
  const { t, language } = useI18n();
  const columns = useMemo<Column<QueryRequest>[]>(
    () => [
      {
        id: 'createdAt',
        className: 'nowrap',
        header: t('queries.column.createdAt'),
        sortValue: (request) => request.createdAt,
        firstDirection: 'descending',
        cell: (request) => formatDateTime(request.createdAt),
      },
      { id: 'caseNumber', header: t('column.caseNumber'), rowHeader: true, sortValue: (request) => request.caseNumber, cell: (request) => request.caseNumber },
      { id: 'purpose', header: t('column.purpose'), cell: (request) => (request.purposeCategory ? `${request.purpose}（${t(`purposeCategory.${request.purposeCategory}`)}）` : request.purpose) },
      { id: 'items', header: t('column.item'), cell: (request) => request.itemKeys.map(itemName).join('、') },
      { id: 'subject', header: t('column.subject'), cell: (request) => <code>{request.subjectMasked}</code> },
      { id: 'basis', header: t('queries.column.basis'), cell: (request) => <RequestBasis request={request} /> },
      { id: 'status', header: t('queries.column.status'), sortValue: (request) => request.status, cell: (request) => <RequestStatus request={request} /> },
      { id: 'decision', header: t('queries.column.decision'), cell: (request) => <RequestDecision request={request} /> },
      {
        id: 'actions',
        header: t('queries.column.actions'),
        cell: (request) =>
          canRecord(request) ? (
            <button type="button" className="button" aria-label={`${t('queries.record.action')} ${request.caseNumber}`} onClick={() => onRecord(request)}>
              {t('queries.record.action')}
            </button>
          ) : null,
      },
    ],
    [t, language, itemName, onRecord],
  );
  const sorted = useSortedRows(requests, columns, { columnId: 'createdAt', direction: 'descending' });
  return (
    <DataTable
      caption={t('queries.mine.caption')}
      columns={columns}
      rows={sorted.rows}
      rowKey={(request) => request.id}
      sort={sorted.sort}
      onSort={sorted.sortBy}
      note={complete ? undefined : t('list.sortPartial', { loaded: requests.length })}
    />
  );
}
