import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import type { MessageKey } from '../i18n/dictionaries';
import { useI18n } from '../i18n/i18n-context';
import { appendPage } from '../queries/query-errors';
import type { PageProps } from '../shell/signed-in-routes';
import { DataTable, useSortedRows, type Column } from '../ui/data-table';
import { formatDateTime, formatNumber } from '../ui/format';
import { Page } from '../ui/page';
import { LoadMore } from '../ui/pager';
import { EmptyState, Loading, QueryError } from '../ui/status';
import { shortId } from './bureau-scope';
import { CROSS_CITY_READS_QUERY, type CrossCityRead } from './bureau.operations';

const PAGE_SIZE = 50;

/** The city's read log (issue 9): every read of its query records by a central agency, for its top admin. */
export function CrossCityReadsPage(_props: PageProps) {
  const { t } = useI18n();
  const variables = { first: PAGE_SIZE };
  const { data, loading, error, refetch, fetchMore } = useQuery(CROSS_CITY_READS_QUERY, { variables });
  const page = data?.crossCityReads;
  return (
    <Page title={t('bureau.reads.title')} lead={t('bureau.reads.intro')} className="page-wide">
      {error && !page ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !page ? (
        <Loading />
      ) : page && page.nodes.length === 0 ? (
        <EmptyState>{t('bureau.reads.empty')}</EmptyState>
      ) : page ? (
        <>
          <ReadsTable reads={page.nodes} complete={!page.pageInfo.hasNextPage} />
          <LoadMore
            loaded={page.nodes.length}
            total={page.totalCount}
            hasNextPage={page.pageInfo.hasNextPage}
            loadMore={() =>
              fetchMore({
                variables: { ...variables, after: page.pageInfo.endCursor },
                updateQuery: (previous, { fetchMoreResult }) => ({ crossCityReads: appendPage(previous.crossCityReads, fetchMoreResult.crossCityReads) }),
              })
            }
          />
        </>
      ) : null}
    </Page>
  );
}

function ReadsTable({ reads, complete }: { reads: CrossCityRead[]; complete: boolean }) {
  const { t, language } = useI18n();
  const columns = useMemo<Column<CrossCityRead>[]>(
    () => [
      { id: 'readAt', className: 'nowrap', header: t('bureau.reads.readAt'), rowHeader: true, sortValue: (r) => r.readAt, firstDirection: 'descending', cell: (r) => formatDateTime(r.readAt) },
      { id: 'service', header: t('column.service'), sortValue: (r) => r.service, cell: (r) => t(`service.${r.service}` as MessageKey) },
      { id: 'agency', header: t('bureau.reads.agency'), sortValue: (r) => r.readerAgencyId, cell: (r) => <code>{shortId(r.readerAgencyId)}</code> },
      { id: 'reader', header: t('bureau.reads.reader'), sortValue: (r) => r.readerAccountId, cell: (r) => <code>{shortId(r.readerAccountId)}</code> },
      { id: 'operation', header: t('bureau.reads.operation'), sortValue: (r) => r.operation, cell: (r) => <code>{r.operation}</code> },
      { id: 'rows', className: 'numeric', header: t('bureau.reads.rows'), sortValue: (r) => r.rowCount, firstDirection: 'descending', cell: (r) => formatNumber(r.rowCount, language) },
    ],
    [t, language],
  );
  const sorted = useSortedRows(reads, columns, { columnId: 'readAt', direction: 'descending' });
  return (
    <DataTable
      caption={t('bureau.reads.caption')}
      columns={columns}
      rows={sorted.rows}
      rowKey={(read) => read.id}
      sort={sorted.sort}
      onSort={sorted.sortBy}
      note={complete ? undefined : t('list.sortPartial', { loaded: reads.length })}
    />
  );
}
