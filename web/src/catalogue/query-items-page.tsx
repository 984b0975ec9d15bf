import { useId, useMemo, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { MY_GRANTS_QUERY, type QueryItem } from '../access/access.operations';
import { useI18n } from '../i18n/i18n-context';
import { localizedName } from '../i18n/localized-name';
import { CITY_RULES_QUERY } from '../rules/rules.operations';
import { DataTable, useSortedRows, type Column } from '../ui/data-table';
import { Page } from '../ui/page';
import { usePagedRows, Pager } from '../ui/pager';
import { Badge, EmptyState, Loading, QueryError } from '../ui/status';
import { QUERY_ITEMS_QUERY, SERVICES } from './catalogue.operations';

const PAGE_SIZE = 25;

export function QueryItemsPage() {
  const { t, codeLabel } = useI18n();
  const ids = { service: useId(), search: useId(), searchHint: useId() };
  // The city's own service is shown first; the other one is a choice away.
  const cityRules = useQuery(CITY_RULES_QUERY, { variables: { on: null } });
  const cityService = cityRules.data?.me?.city.rulesInForce?.service;
  const [chosenService, setChosenService] = useState<string | null>(null);
  const service = chosenService ?? cityService ?? (cityRules.loading ? null : SERVICES[0]);
  const [search, setSearch] = useState('');

  return (
    <Page title={t('items.title')} lead={t('items.intro')}>
      <div className="filters">
        <div className="field field-inline">
          <label htmlFor={ids.service}>{t('items.service')}</label>
          <select id={ids.service} value={service ?? ''} onChange={(event) => setChosenService(event.target.value)}>
            {service === null ? <option value="">{t('app.loading')}</option> : null}
            {SERVICES.map((option) => (
              <option key={option} value={option}>
                {codeLabel('service', option)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-inline">
          <label htmlFor={ids.search}>{t('items.search')}</label>
          <input
            id={ids.search}
            type="search"
            value={search}
            aria-describedby={ids.searchHint}
            onChange={(event) => setSearch(event.target.value)}
          />
          <p id={ids.searchHint} className="field-hint">
            {t('items.searchHint')}
          </p>
        </div>
      </div>
      {service ? <Catalogue service={service} search={search} /> : <Loading />}
    </Page>
  );
}

function Catalogue({ service, search }: { service: string; search: string }) {
  const { t, language, codeLabel } = useI18n();
  const { data, loading, error, refetch } = useQuery(QUERY_ITEMS_QUERY, { variables: { service } });
  // "I hold it" is extra information: if the grants cannot be read, the catalogue still shows.
  const grants = useQuery(MY_GRANTS_QUERY);
  const held = useMemo(() => new Set((grants.data?.myGrants ?? []).map((grant) => grant.itemKey)), [grants.data]);

  const items = data?.queryItems ?? [];
  // The gateway lists the items in the order of the application form.
  const formOrder = useMemo(() => new Map(items.map((item, index) => [item.key, index + 1])), [items]);
  const columns = useMemo<Column<QueryItem>[]>(
    () => [
      {
        id: 'formOrder',
        header: t('column.formOrder'),
        className: 'numeric',
        sortValue: (item) => formOrder.get(item.key),
        cell: (item) => formOrder.get(item.key),
      },
      {
        id: 'code',
        header: t('column.code'),
        sortValue: (item) => item.code,
        cell: (item) => (
          <>
            <code>{item.code}</code>
            {item.codeIsPlaceholder ? (
              <span className="code-note" title={t('items.placeholderCode')}>
                {' '}
                *<span className="visually-hidden">{t('items.placeholderCode')}</span>
              </span>
            ) : null}
          </>
        ),
      },
      { id: 'name', header: t('column.item'), rowHeader: true, sortValue: (item) => localizedName(item, language), cell: (item) => localizedName(item, language) },
      {
        id: 'lookupKey',
        header: t('column.lookupKey'),
        sortValue: (item) => codeLabel('lookupKey', item.lookupKey),
        cell: (item) => codeLabel('lookupKey', item.lookupKey),
      },
      { id: 'citation', header: t('column.citation'), className: 'citation', cell: (item) => item.citation },
      {
        id: 'held',
        header: t('items.held'),
        sortValue: (item) => (held.has(item.key) ? 0 : 1),
        cell: (item) => (held.has(item.key) ? <Badge tone="ok">{t('items.heldYes')}</Badge> : <span className="visually-hidden">{t('common.no')}</span>),
      },
    ],
    [t, language, codeLabel, held, formOrder],
  );

  const needle = search.trim().toLowerCase();
  const matching = useMemo(
    () =>
      needle === ''
        ? items
        : items.filter((item) => [item.code, item.name, item.nameEn].some((text) => text.toLowerCase().includes(needle))),
    [items, needle],
  );
  const sorted = useSortedRows(matching, columns, { columnId: 'formOrder', direction: 'ascending' });
  const paged = usePagedRows(sorted.rows, PAGE_SIZE);
  const caption = t('items.caption', { service: codeLabel('service', service) });

  if (error) return <QueryError error={error} onRetry={() => refetch()} />;
  if (loading && !data) return <Loading />;
  if (items.length === 0) return <EmptyState>{t('items.empty')}</EmptyState>;
  return (
    <>
      {matching.length === 0 ? (
        <EmptyState>{t('list.noMatch')}</EmptyState>
      ) : (
        <>
          <DataTable
            caption={caption}
            columns={columns}
            rows={paged.rows}
            rowKey={(item) => item.key}
            sort={sorted.sort}
            onSort={sorted.sortBy}
          />
          <Pager range={paged.range} listName={caption} onPage={paged.setPage} />
        </>
      )}
      {items.some((item) => item.codeIsPlaceholder) ? <p className="field-hint">* {t('items.placeholderCode')}</p> : null}
    </>
  );
}
