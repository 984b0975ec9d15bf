import '../queries/queries.css';
import { useMemo } from 'react';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useI18n } from '../i18n/i18n-context';
import { useItemNames } from '../queries/item-names';
import { appendPage } from '../queries/query-errors';
import { useHashParams } from '../shell/hash-path';
import type { PageProps } from '../shell/signed-in-routes';
import { DataTable, useSortedRows, type Column } from '../ui/data-table';
import { formatDateTime, todayInTaiwan } from '../ui/format';
import { LoadMore } from '../ui/pager';
import { EmptyState, Loading, QueryError } from '../ui/status';
import { exportFileName, MAX_EXPORT_RECORDS, recordsCsv } from './bureau-csv';
import { CsvExportButton, ExportRefused } from './bureau-export';
import { BureauFilterForm } from './bureau-filter-form';
import { recordFilter } from './bureau-filters';
import { BureauPage, ReachNotice, shortId, type BureauScope, useBureauView } from './bureau-scope';
import { BUREAU_RECORDS_QUERY, type CrossCityRecord, type CrossCityRecordFilter } from './bureau.operations';
import './bureau.css';

export const BUREAU_PAGE_SIZE = 50;
/** The largest page the gateway serves (bureauQueryRecords: 1 to 200), for the export. */
const EXPORT_PAGE_SIZE = 200;

/** A central agency's view of the cities' registers: its own service only, filtered by city and period. */
export function BureauRegisterPage(_props: PageProps) {
  return (
    <BureauPage title="bureau.register.title" intro="bureau.register.intro" className="page-wide register-page">
      {(scope) => <BureauRegister scope={scope} />}
    </BureauPage>
  );
}

function BureauRegister({ scope }: { scope: BureauScope }) {
  const { t } = useI18n();
  const client = useApolloClient();
  const params = useHashParams();
  const address = params.toString();
  const view = useBureauView(scope, address);
  const filter = useMemo(() => recordFilter(view), [view]);
  const { itemName } = useItemNames();
  const variables = { first: BUREAU_PAGE_SIZE, filter };
  const { data, loading, error, refetch, fetchMore } = useQuery(BUREAU_RECORDS_QUERY, { variables });
  const page = data?.bureauQueryRecords;
  const service = scope.serviceName;

  async function buildCsv(progress: (rows: number) => void) {
    const records: CrossCityRecord[] = [];
    let after: string | null = null;
    for (;;) {
      const result: { data?: { bureauQueryRecords: { totalCount: number; pageInfo: { endCursor: string | null; hasNextPage: boolean }; nodes: CrossCityRecord[] } } } = await client.query({
        query: BUREAU_RECORDS_QUERY,
        variables: { first: EXPORT_PAGE_SIZE, after, filter: filter as CrossCityRecordFilter },
        fetchPolicy: 'no-cache',
      });
      const chunk = result.data?.bureauQueryRecords;
      if (!chunk) break;
      if (chunk.totalCount > MAX_EXPORT_RECORDS) throw new ExportRefused(t('bureau.exportTooLarge', { max: MAX_EXPORT_RECORDS }));
      records.push(...chunk.nodes);
      progress(records.length);
      if (!chunk.pageInfo.hasNextPage || !chunk.pageInfo.endCursor) break;
      after = chunk.pageInfo.endCursor;
    }
    return {
      fileName: exportFileName('bureau-register', scope.reach!.service, view.cityId, todayInTaiwan()),
      csv: recordsCsv(records, { cityName: scope.cityName, itemName }),
      rows: records.length,
    };
  }

  return (
    <>
      <ReachNotice scope={scope} />
      <BureauFilterForm path="/bureau/register" scope={scope} view={view} actions={<CsvExportButton build={buildCsv} />} />
      {error && !page ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !page ? (
        <Loading />
      ) : page && page.nodes.length === 0 ? (
        view.from || view.to ? (
          <EmptyState>{t('bureau.register.emptyFiltered')}</EmptyState>
        ) : (
          <EmptyState hint={t('bureau.register.emptyHint', { service })}>{t('bureau.register.empty', { service })}</EmptyState>
        )
      ) : page ? (
        <>
          <RecordsTable
            caption={t('bureau.register.caption', { service })}
            records={page.nodes}
            complete={!page.pageInfo.hasNextPage}
            cityName={scope.cityName}
            itemName={itemName}
          />
          <LoadMore
            loaded={page.nodes.length}
            total={page.totalCount}
            hasNextPage={page.pageInfo.hasNextPage}
            loadMore={() =>
              fetchMore({
                variables: { ...variables, after: page.pageInfo.endCursor },
                updateQuery: (previous, { fetchMoreResult }) => ({
                  bureauQueryRecords: appendPage(previous.bureauQueryRecords, fetchMoreResult.bureauQueryRecords),
                }),
              })
            }
          />
        </>
      ) : null}
    </>
  );
}

function RecordsTable({
  caption,
  records,
  complete,
  cityName,
  itemName,
}: {
  caption: string;
  records: CrossCityRecord[];
  complete: boolean;
  cityName(id: string): string;
  itemName(key: string): string;
}) {
  const { t } = useI18n();
  const columns = useMemo<Column<CrossCityRecord>[]>(
    () => [
      { id: 'queriedAt', className: 'nowrap', header: t('column.queriedAt'), sortValue: (r) => r.queriedAt, firstDirection: 'descending', cell: (r) => formatDateTime(r.queriedAt) },
      { id: 'city', header: t('bureau.city'), sortValue: (r) => cityName(r.cityId), cell: (r) => cityName(r.cityId) },
      { id: 'caseNumber', header: t('column.caseNumber'), rowHeader: true, sortValue: (r) => r.caseNumber, cell: (r) => r.caseNumber },
      { id: 'item', header: t('column.item'), sortValue: (r) => itemName(r.itemKey), cell: (r) => itemName(r.itemKey) },
      { id: 'purpose', header: t('column.purpose'), sortValue: (r) => r.purpose, cell: (r) => r.purpose },
      { id: 'legalBasis', header: t('bureau.legalBasis'), sortValue: (r) => r.legalBasis, cell: (r) => r.legalBasis ?? t('common.none') },
      { id: 'agency', header: t('bureau.agencyCode'), sortValue: (r) => r.agencyId, cell: (r) => <code>{shortId(r.agencyId)}</code> },
      { id: 'unit', header: t('bureau.unitCode'), sortValue: (r) => r.unitId, cell: (r) => (r.unitId ? <code>{shortId(r.unitId)}</code> : t('bureau.noUnit')) },
    ],
    [t, cityName, itemName],
  );
  const sorted = useSortedRows(records, columns, { columnId: 'queriedAt', direction: 'descending' });
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={sorted.rows}
      rowKey={(record) => record.id}
      sort={sorted.sort}
      onSort={sorted.sortBy}
      note={complete ? undefined : t('list.sortPartial', { loaded: records.length })}
    />
  );
}
