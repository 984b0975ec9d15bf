import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { useI18n } from '../i18n/i18n-context';
import { localizedName } from '../i18n/localized-name';
import { DataTable, useSortedRows, type Column } from '../ui/data-table';
import { formatDate } from '../ui/format';
import { Page } from '../ui/page';
import { usePagedRows, Pager } from '../ui/pager';
import { EmptyState, Loading, QueryError } from '../ui/status';
import { MY_APPLICATIONS_QUERY, MY_GRANTS_QUERY, type UserGrant } from './access.operations';
import { ApplicationList } from './application-list';
import './access.css';

const PAGE_SIZE = 25;

export function MyAccessPage() {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(MY_GRANTS_QUERY);
  return (
    <Page title={t('access.title')} lead={t('access.intro')}>
      <p className="access-actions">
        <a className="button button-primary" href="#/access/apply">
          {t('access.apply.link')}
        </a>
      </p>
      {error ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : data && data.myGrants.length === 0 ? (
        <EmptyState>{t('access.empty')}</EmptyState>
      ) : data ? (
        <GrantsTable grants={data.myGrants} />
      ) : null}
      <section className="section" aria-labelledby="my-applications">
        <h2 id="my-applications">{t('access.mine.title')}</h2>
        <ApplicationList
          query={MY_APPLICATIONS_QUERY}
          field="myApplications"
          caption={t('access.mine.caption')}
          empty={t('access.mine.empty')}
          showApplicant={false}
        />
      </section>
    </Page>
  );
}

function GrantsTable({ grants }: { grants: UserGrant[] }) {
  const { t, language, codeLabel } = useI18n();
  const itemName = (grant: UserGrant) => (grant.item ? localizedName(grant.item, language) : grant.itemKey);
  const columns = useMemo<Column<UserGrant>[]>(
    () => [
      {
        id: 'item',
        header: t('column.item'),
        rowHeader: true,
        sortValue: itemName,
        cell: (grant) =>
          grant.item ? (
            itemName(grant)
          ) : (
            <>
              <code>{grant.itemKey}</code> <span className="muted">{t('access.itemMissing')}</span>
            </>
          ),
      },
      { id: 'code', header: t('column.code'), sortValue: (grant) => grant.item?.code, cell: (grant) => <code>{grant.item?.code}</code> },
      {
        id: 'service',
        header: t('column.service'),
        sortValue: (grant) => grant.item?.service,
        cell: (grant) => (grant.item ? codeLabel('service', grant.item.service) : null),
      },
      {
        id: 'lookupKey',
        header: t('column.lookupKey'),
        cell: (grant) => (grant.item ? codeLabel('lookupKey', grant.item.lookupKey) : null),
      },
      { id: 'citation', header: t('column.citation'), className: 'citation', cell: (grant) => grant.item?.citation },
      {
        id: 'grantedAt',
        className: 'nowrap',
        header: t('column.grantedAt'),
        sortValue: (grant) => grant.grantedAt,
        firstDirection: 'descending',
        cell: (grant) => formatDate(grant.grantedAt),
      },
    ],
    // The columns follow the language; itemName and codeLabel change with it.
    [t, language, codeLabel],
  );
  const sorted = useSortedRows(grants, columns, { columnId: 'code', direction: 'ascending' });
  const paged = usePagedRows(sorted.rows, PAGE_SIZE);
  return (
    <>
      <DataTable
        caption={t('access.caption')}
        columns={columns}
        rows={paged.rows}
        rowKey={(grant) => grant.id}
        sort={sorted.sort}
        onSort={sorted.sortBy}
      />
      <Pager range={paged.range} listName={t('access.caption')} onPage={paged.setPage} />
    </>
  );
}
