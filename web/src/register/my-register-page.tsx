import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import type { QueryItem } from '../access/access.operations';
import { useI18n } from '../i18n/i18n-context';
import { localizedName } from '../i18n/localized-name';
import { DataTable, useSortedRows, type Column } from '../ui/data-table';
import { formatDateTime } from '../ui/format';
import { Page } from '../ui/page';
import { LoadMore } from '../ui/pager';
import { EmptyState, Loading, QueryError } from '../ui/status';
import { ITEM_CATALOGUE_QUERY, MY_QUERY_RECORDS_QUERY, type QueryRecord } from './register.operations';

export const REGISTER_PAGE_SIZE = 25;

export function MyRegisterPage() {
  const { t } = useI18n();
  const { data, loading, error, refetch, fetchMore } = useQuery(MY_QUERY_RECORDS_QUERY, {
    variables: { first: REGISTER_PAGE_SIZE },
  });
  const page = data?.myQueryRecords;
  return (
    <Page title={t('register.title')} lead={t('register.intro')}>
      {error && !page ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !page ? (
        <Loading />
      ) : page && page.nodes.length === 0 ? (
        <EmptyState hint={t('register.emptyHint')}>{t('register.empty')}</EmptyState>
      ) : page ? (
        <>
          <RecordsTable records={page.nodes} complete={!page.pageInfo.hasNextPage} />
          <LoadMore
            loaded={page.nodes.length}
            total={page.totalCount}
            hasNextPage={page.pageInfo.hasNextPage}
            loadMore={() => fetchMore({ variables: { first: REGISTER_PAGE_SIZE, after: page.pageInfo.endCursor } })}
          />
        </>
      ) : null}
    </Page>
  );
}

function RecordsTable({ records, complete }: { records: QueryRecord[]; complete: boolean }) {
  const { t, language } = useI18n();
  // Register entries carry only the item key; the catalogues name them. Without them the key itself is shown.
  const catalogue = useQuery(ITEM_CATALOGUE_QUERY);
  const items = useMemo(() => {
    const byKey = new Map<string, QueryItem>();
    for (const item of [...(catalogue.data?.labor ?? []), ...(catalogue.data?.health ?? [])]) byKey.set(item.key, item);
    return byKey;
  }, [catalogue.data]);
  const itemName = (record: QueryRecord) => {
    const item = items.get(record.itemKey);
    return item ? `${item.code} ${localizedName(item, language)}` : record.itemKey;
  };

  const columns = useMemo<Column<QueryRecord>[]>(
    () => [
      {
        id: 'queriedAt',
        className: 'nowrap',
        header: t('column.queriedAt'),
        sortValue: (record) => record.queriedAt,
        firstDirection: 'descending',
        cell: (record) => formatDateTime(record.queriedAt),
      },
      { id: 'sequence', header: t('column.sequence'), sortValue: (record) => Number(record.sequence), firstDirection: 'descending', cell: (record) => record.sequence },
      { id: 'caseNumber', header: t('column.caseNumber'), rowHeader: true, sortValue: (record) => record.caseNumber, cell: (record) => record.caseNumber },
      { id: 'item', header: t('column.item'), sortValue: itemName, cell: itemName },
      { id: 'purpose', header: t('column.purpose'), cell: (record) => record.purpose },
      { id: 'subject', header: t('column.subject'), cell: (record) => <code>{record.subjectMasked}</code> },
      {
        id: 'recordedAt',
        className: 'nowrap',
        header: t('column.recordedAt'),
        sortValue: (record) => record.recordedAt,
        firstDirection: 'descending',
        cell: (record) => formatDateTime(record.recordedAt),
      },
    ],
    // itemName follows the catalogue and the language.
    [t, language, items],
  );
  const sorted = useSortedRows(records, columns, { columnId: 'queriedAt', direction: 'descending' });
  return (
    <DataTable
      caption={t('register.caption')}
      columns={columns}
      rows={sorted.rows}
      rowKey={(record) => record.id}
      sort={sorted.sort}
      onSort={sorted.sortBy}
      note={complete ? undefined : t('list.sortPartial', { loaded: records.length })}
    />
  );
}
