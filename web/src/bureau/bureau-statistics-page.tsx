import '../queries/queries.css';
import { useId, useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import type { MessageKey } from '../i18n/dictionaries';
import { useI18n } from '../i18n/i18n-context';
import { useItemNames } from '../queries/item-names';
import { isPurposeCategory } from '../queries/purpose-category';
import { useHashParams } from '../shell/hash-path';
import type { PageProps } from '../shell/signed-in-routes';
import { DataTable, useSortedRows, type Column } from '../ui/data-table';
import { formatNumber, todayInTaiwan } from '../ui/format';
import { Pager, usePagedRows } from '../ui/pager';
import { EmptyState, Loading, QueryError } from '../ui/status';
import { countsCsv, exportFileName } from './bureau-csv';
import { CsvExportButton } from './bureau-export';
import { BureauFilterForm } from './bureau-filter-form';
import { countFilter, type BureauView } from './bureau-filters';
import { BureauPage, ReachNotice, shortId, type BureauScope, useBureauView } from './bureau-scope';
import { COUNT_DIMENSIONS, QUERY_COUNTS_QUERY, type CountDimension, type QueryCountRow } from './bureau.operations';
import './bureau.css';

const PAGE_SIZE = 25;

/** The cities' queries counted by what the officer picks (queryCounts), with the city filter, sorted, paged, as CSV. */
export function BureauStatisticsPage(_props: PageProps) {
  return (
    <BureauPage title="bureau.statistics.title" intro="bureau.statistics.intro" className="page-wide register-page">
      {(scope) => <BureauStatistics scope={scope} />}
    </BureauPage>
  );
}

function BureauStatistics({ scope }: { scope: BureauScope }) {
  const { t, language } = useI18n();
  const params = useHashParams();
  const address = params.toString();
  const view = useBureauView(scope, address);
  const filter = useMemo(() => countFilter(view), [view]);
  const { items, itemName } = useItemNames();
  const serviceItems = useMemo(() => [...items.values()].filter((item) => item.service === scope.reach!.service), [items, scope.reach]);
  const { data, loading, error, refetch } = useQuery(QUERY_COUNTS_QUERY, { variables: { groupBy: view.groupBy, filter } });
  const report = data?.queryCounts;
  const dimensionsText = view.groupBy.map((dimension) => t(`bureau.dimension.${dimension}` as MessageKey)).join(language === 'en' ? ', ' : '、');
  const caption = t('bureau.statistics.caption', { dimensions: dimensionsText });
  const ids = { item: useId() };

  const extra = (draft: BureauView, setDraft: (next: BureauView) => void) => (
    <>
      <div className="field field-inline">
        <label htmlFor={ids.item}>{t('bureau.item')}</label>
        <select id={ids.item} value={draft.itemKey} onChange={(event) => setDraft({ ...draft, itemKey: event.target.value })}>
          <option value="">{t('bureau.anyItem')}</option>
          {serviceItems.map((item) => (
            <option key={item.key} value={item.key}>
              {itemName(item.key)}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="bureau-dimensions">
        <legend>{t('bureau.statistics.groupBy')}</legend>
        {COUNT_DIMENSIONS.map((dimension) => (
          <label key={dimension} className="checkbox-field">
            <input
              type="checkbox"
              checked={draft.groupBy.includes(dimension)}
              onChange={(event) =>
                setDraft({
                  ...draft,
                  groupBy: COUNT_DIMENSIONS.filter((candidate) => (candidate === dimension ? event.target.checked : draft.groupBy.includes(candidate))),
                })
              }
            />
            {t(`bureau.dimension.${dimension}` as MessageKey)}
          </label>
        ))}
      </fieldset>
    </>
  );

  const build = async () => ({
    fileName: exportFileName('bureau-counts', scope.reach!.service, view.cityId, todayInTaiwan()),
    csv: countsCsv(view.groupBy, report?.rows ?? [], { cityName: scope.cityName, itemName }),
    rows: report?.rows.length ?? 0,
  });

  return (
    <>
      <ReachNotice scope={scope} />
      <BureauFilterForm
        path="/bureau/statistics"
        scope={scope}
        view={view}
        extra={extra}
        problem={(draft) => (draft.groupBy.length === 0 ? t('bureau.statistics.groupByRequired') : null)}
        actions={report && report.rows.length > 0 ? <CsvExportButton build={build} /> : null}
      />
      {error && !report ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !report ? (
        <Loading />
      ) : report && report.rows.length === 0 ? (
        <EmptyState>{t('bureau.statistics.empty')}</EmptyState>
      ) : report ? (
        <>
          <p className="card-figure">{t('bureau.statistics.total', { count: formatNumber(report.total, language) })}</p>
          <CountsTable key={view.groupBy.join()} caption={caption} groupBy={view.groupBy} rows={report.rows} cityName={scope.cityName} itemName={itemName} />
        </>
      ) : null}
    </>
  );
}

interface CountRow extends QueryCountRow {
  key: string;
}

function CountsTable({
  caption,
  groupBy,
  rows,
  cityName,
  itemName,
}: {
  caption: string;
  groupBy: CountDimension[];
  rows: QueryCountRow[];
  cityName(id: string): string;
  itemName(key: string): string;
}) {
  const { t, language } = useI18n();
  const keyed = useMemo<CountRow[]>(() => rows.map((row, index) => ({ ...row, key: String(index) })), [rows]);
  const columns = useMemo<Column<CountRow>[]>(() => {
    const none = t('common.none');
    const byDimension: Record<CountDimension, Column<CountRow>> = {
      CITY: { id: 'CITY', header: t('bureau.dimension.CITY'), sortValue: (r) => (r.cityId ? cityName(r.cityId) : null), cell: (r) => (r.cityId ? cityName(r.cityId) : none) },
      AGENCY: { id: 'AGENCY', header: t('bureau.agencyCode'), sortValue: (r) => r.agencyId, cell: (r) => (r.agencyId ? <code>{shortId(r.agencyId)}</code> : none) },
      UNIT: { id: 'UNIT', header: t('bureau.unitCode'), sortValue: (r) => r.unitId, cell: (r) => (r.unitId ? <code>{shortId(r.unitId)}</code> : t('bureau.noUnit')) },
      ITEM: { id: 'ITEM', header: t('bureau.dimension.ITEM'), sortValue: (r) => (r.itemKey ? itemName(r.itemKey) : null), cell: (r) => (r.itemKey ? itemName(r.itemKey) : none) },
      PURPOSE: { id: 'PURPOSE', header: t('bureau.dimension.PURPOSE'), sortValue: (r) => r.purpose, cell: (r) => r.purpose ?? none },
      PURPOSE_CATEGORY: {
        id: 'PURPOSE_CATEGORY',
        header: t('bureau.dimension.PURPOSE_CATEGORY'),
        sortValue: (r) => r.purposeCategory,
        // Queries whose request stated no category (all before the console asked for it) count under none.
        cell: (r) => (r.purposeCategory && isPurposeCategory(r.purposeCategory) ? t(`purposeCategory.${r.purposeCategory}`) : t('bureau.noPurposeCategory')),
      },
      MONTH: { id: 'MONTH', className: 'nowrap', header: t('bureau.dimension.MONTH'), sortValue: (r) => r.month, cell: (r) => r.month ?? none },
    };
    const chosen = groupBy.map((dimension, index) => ({ ...byDimension[dimension], rowHeader: index === 0 }));
    return [
      ...chosen,
      { id: 'count', className: 'numeric', header: t('bureau.statistics.count'), sortValue: (r) => r.count, firstDirection: 'descending', cell: (r) => formatNumber(r.count, language) },
    ];
  }, [t, language, groupBy, cityName, itemName]);
  const sorted = useSortedRows(keyed, columns, { columnId: groupBy[0] ?? 'count', direction: 'ascending' });
  const paged = usePagedRows(sorted.rows, PAGE_SIZE);
  return (
    <>
      <DataTable caption={caption} columns={columns} rows={paged.rows} rowKey={(row) => row.key} sort={sorted.sort} onSort={sorted.sortBy} />
      <Pager range={paged.range} listName={caption} onPage={paged.setPage} />
    </>
  );
}
