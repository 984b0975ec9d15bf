import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { useI18n } from '../i18n/i18n-context';
import { localizedName } from '../i18n/localized-name';
import { DataTable, useSortedRows, type Column } from '../ui/data-table';
import { formatDate } from '../ui/format';
import { Page } from '../ui/page';
import { LoadMore, Pager, usePagedRows } from '../ui/pager';
import { EmptyState, Loading, QueryError } from '../ui/status';
import { BUSINESS_ITEMS_QUERY, LEGAL_BASES_QUERY, type BusinessItem, type LegalBasis } from './access.operations';
import './access.css';

const ITEMS_PAGE_SIZE = 50;
const BASES_PAGE_SIZE = 25;

/** The business-item register (業務項目清冊) of the city and the legal bases that may be cited. */
export function BusinessRegisterPage() {
  const { t } = useI18n();
  return (
    <Page title={t('access.register.title')} lead={t('access.register.lead')} className="page-wide">
      <section className="section" aria-labelledby="register-items">
        <h2 id="register-items">{t('access.register.items')}</h2>
        <BusinessItems />
      </section>
      <section className="section" aria-labelledby="register-bases">
        <h2 id="register-bases">{t('access.register.bases')}</h2>
        <LegalBases />
      </section>
    </Page>
  );
}

function basisText(basis: LegalBasis | null, none: string): string {
  if (!basis) return none;
  return `${basis.laws ?? basis.purpose}${basis.citation ? `（${basis.citation}）` : ''}`;
}

function BusinessItems() {
  const { t, language } = useI18n();
  const { data, loading, error, refetch, fetchMore } = useQuery(BUSINESS_ITEMS_QUERY, { variables: { first: ITEMS_PAGE_SIZE }, fetchPolicy: 'cache-and-network' });
  const page = data?.businessItems;
  const columns = useMemo<Column<BusinessItem>[]>(
    () => [
      {
        id: 'name',
        header: t('access.column.businessItem'),
        rowHeader: true,
        sortValue: (entry) => entry.name,
        cell: (entry) => (
          <>
            {entry.name}
            {entry.endedAt ? <span className="muted"> {t('access.register.ended', { date: formatDate(entry.endedAt) })}</span> : null}
          </>
        ),
      },
      { id: 'agency', header: t('access.column.agency'), sortValue: (entry) => localizedName(entry.agency, language), cell: (entry) => localizedName(entry.agency, language) },
      { id: 'purpose', header: t('access.column.purpose'), cell: (entry) => entry.purpose },
      {
        id: 'basis',
        header: t('access.column.legalBasis'),
        sortValue: (entry) => basisText(entry.legalBasis, ''),
        cell: (entry) => basisText(entry.legalBasis, t('common.none')),
      },
      {
        id: 'items',
        header: t('access.column.items'),
        cell: (entry) => (
          <ul className="plain-list">
            {entry.items.map((item) => (
              <li key={item.key}>
                <code>{item.code}</code> {language === 'en' ? item.nameEn : item.name}
              </li>
            ))}
          </ul>
        ),
      },
      {
        id: 'registeredAt',
        header: t('access.column.registeredAt'),
        className: 'nowrap',
        sortValue: (entry) => entry.registeredAt,
        firstDirection: 'descending',
        cell: (entry) => formatDate(entry.registeredAt),
      },
    ],
    [t, language],
  );
  const sorted = useSortedRows(page?.nodes ?? [], columns, { columnId: 'registeredAt', direction: 'ascending' });
  if (error && !page) return <QueryError error={error} onRetry={() => refetch()} />;
  if (loading && !page) return <Loading />;
  if (!page || page.nodes.length === 0) return <EmptyState>{t('access.register.itemsEmpty')}</EmptyState>;
  return (
    <>
      <DataTable caption={t('access.register.itemsCaption')} columns={columns} rows={sorted.rows} rowKey={(entry) => entry.id} sort={sorted.sort} onSort={sorted.sortBy} />
      <LoadMore
        loaded={page.nodes.length}
        total={page.totalCount}
        hasNextPage={page.pageInfo.hasNextPage}
        loadMore={() =>
          fetchMore({
            variables: { first: ITEMS_PAGE_SIZE, after: page.pageInfo.endCursor },
            updateQuery: (previous, { fetchMoreResult }) => {
              const seen = new Set(previous.businessItems.nodes.map((node) => node.id));
              return {
                businessItems: {
                  ...fetchMoreResult.businessItems,
                  nodes: [...previous.businessItems.nodes, ...fetchMoreResult.businessItems.nodes.filter((node) => !seen.has(node.id))],
                },
              };
            },
          })
        }
      />
    </>
  );
}

function LegalBases() {
  const { t, codeLabel } = useI18n();
  const { data, loading, error, refetch } = useQuery(LEGAL_BASES_QUERY, { fetchPolicy: 'cache-and-network' });
  const columns = useMemo<Column<LegalBasis>[]>(
    () => [
      { id: 'laws', header: t('access.column.laws'), rowHeader: true, sortValue: (basis) => basis.laws ?? basis.purpose, cell: (basis) => basis.laws ?? t('common.none') },
      { id: 'category', header: t('access.column.category'), sortValue: (basis) => basis.category, cell: (basis) => codeLabel('access.category', basis.category) },
      { id: 'kind', header: t('access.column.basisKind'), sortValue: (basis) => basis.kind, cell: (basis) => codeLabel('access.basisKind', basis.kind) },
      { id: 'purpose', header: t('access.column.basisPurpose'), cell: (basis) => basis.purpose },
      { id: 'citation', header: t('access.column.citation'), className: 'citation', sortValue: (basis) => basis.citation, cell: (basis) => basis.citation ?? t('common.none') },
      { id: 'effectiveFrom', header: t('access.column.effectiveFrom'), className: 'nowrap', sortValue: (basis) => basis.effectiveFrom, cell: (basis) => basis.effectiveFrom },
      { id: 'repealedOn', header: t('access.column.repealedOn'), className: 'nowrap', sortValue: (basis) => basis.repealedOn, cell: (basis) => basis.repealedOn ?? t('common.none') },
    ],
    [t, codeLabel],
  );
  const sorted = useSortedRows(data?.legalBases ?? [], columns, { columnId: 'category', direction: 'ascending' });
  const paged = usePagedRows(sorted.rows, BASES_PAGE_SIZE);
  if (error && !data) return <QueryError error={error} onRetry={() => refetch()} />;
  if (loading && !data) return <Loading />;
  if (!data || data.legalBases.length === 0) return <EmptyState>{t('access.register.basesEmpty')}</EmptyState>;
  return (
    <>
      <DataTable caption={t('access.register.basesCaption')} columns={columns} rows={paged.rows} rowKey={(basis) => basis.id} sort={sorted.sort} onSort={sorted.sortBy} />
      <Pager range={paged.range} listName={t('access.register.basesCaption')} onPage={paged.setPage} />
    </>
  );
}
