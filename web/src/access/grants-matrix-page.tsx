import { useId, useMemo, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { useI18n } from '../i18n/i18n-context';
import { localizedName } from '../i18n/localized-name';
import type { PageProps } from '../shell/signed-in-routes';
import { DataTable, useSortedRows, type Column } from '../ui/data-table';
import { Page } from '../ui/page';
import { LoadMore } from '../ui/pager';
import { EmptyState, Loading, QueryError } from '../ui/status';
import { AGENCIES_QUERY, GRANTS_MATRIX_QUERY, MY_AGENCY_QUERY, type GrantsMatrix } from './access.operations';
import './access.css';

const ROWS_PER_PAGE = 50;
type Row = GrantsMatrix['rows'][number];

/** Who in an agency may query which item now: accounts × items, for the admins, heads and reviewers. */
export function GrantsMatrixPage({ account }: PageProps) {
  const { t, language } = useI18n();
  const selectId = useId();
  // The city's agencies where the caller may list them (admins); otherwise their own agency only.
  const agencies = useQuery(AGENCIES_QUERY, { errorPolicy: 'all' });
  const myAgency = useQuery(MY_AGENCY_QUERY);
  const [chosen, setChosen] = useState<string | null>(null);
  const agencyId = chosen ?? account.agency.id;
  const options = agencies.data?.agencies ?? (myAgency.data?.me ? [myAgency.data.me.agency] : []);
  const agency = options.find((candidate) => candidate.id === agencyId) ?? account.agency;
  return (
    <Page title={t('access.grants.title')} lead={t('access.grants.lead')} className="page-wide">
      {options.length > 1 ? (
        <div className="filters">
          <div className="field-inline">
            <label htmlFor={selectId}>{t('access.grants.agency')}</label>
            <select id={selectId} value={agencyId} onChange={(event) => setChosen(event.target.value)}>
              {options.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {localizedName(candidate, language)}
                </option>
              ))}
            </select>
          </div>
        </div>
      ) : null}
      <Matrix agencyId={agencyId} agencyName={localizedName(agency, language)} />
    </Page>
  );
}

function Matrix({ agencyId, agencyName }: { agencyId: string; agencyName: string }) {
  const { t, language } = useI18n();
  const { data, loading, error, refetch, fetchMore } = useQuery(GRANTS_MATRIX_QUERY, {
    variables: { agencyId, first: ROWS_PER_PAGE },
    fetchPolicy: 'cache-and-network',
  });
  const matrix = data?.grantsMatrix;
  const items = matrix?.items ?? [];
  const columns = useMemo<Column<Row>[]>(
    () => [
      {
        id: 'name',
        header: t('access.column.name'),
        rowHeader: true,
        sortValue: (row) => row.account.person.displayName,
        cell: (row) => row.account.person.displayName,
      },
      { id: 'username', header: t('access.column.account'), sortValue: (row) => row.account.username, cell: (row) => <code>{row.account.username}</code> },
      ...items.map<Column<Row>>((item) => ({
        id: item.key,
        header: `${item.code} ${language === 'en' ? item.nameEn : item.name}`,
        className: 'matrix-cell',
        sortValue: (row) => (row.itemKeys.includes(item.key) ? 1 : 0),
        firstDirection: 'descending',
        cell: (row) =>
          row.itemKeys.includes(item.key) ? (
            <span>
              <span aria-hidden="true">✓</span>
              <span className="visually-hidden">{t('access.grants.held')}</span>
            </span>
          ) : (
            <span>
              <span aria-hidden="true">—</span>
              <span className="visually-hidden">{t('access.grants.notHeld')}</span>
            </span>
          ),
      })),
      {
        id: 'count',
        header: t('access.column.heldCount'),
        sortValue: (row) => row.itemKeys.length,
        firstDirection: 'descending',
        cell: (row) => row.itemKeys.length,
      },
    ],
    [t, language, items],
  );
  const sorted = useSortedRows(matrix?.rows ?? [], columns, { columnId: 'name', direction: 'ascending' });
  if (error && !matrix) return <QueryError error={error} onRetry={() => refetch()} />;
  if (loading && !matrix) return <Loading />;
  if (!matrix) return null;
  if (matrix.items.length === 0) return <EmptyState>{t('access.grants.noItems')}</EmptyState>;
  if (matrix.rows.length === 0) return <EmptyState>{t('access.grants.empty')}</EmptyState>;
  return (
    <>
      <DataTable
        caption={t('access.grants.caption', { agency: agencyName })}
        columns={columns}
        rows={sorted.rows}
        rowKey={(row) => row.account.id}
        sort={sorted.sort}
        onSort={sorted.sortBy}
      />
      <LoadMore
        loaded={matrix.rows.length}
        total={matrix.totalCount}
        hasNextPage={matrix.pageInfo.hasNextPage}
        loadMore={() =>
          fetchMore({
            variables: { agencyId, first: ROWS_PER_PAGE, after: matrix.pageInfo.endCursor },
            updateQuery: (previous, { fetchMoreResult }) => {
              const seen = new Set(previous.grantsMatrix.rows.map((row) => row.account.id));
              return {
                grantsMatrix: {
                  ...fetchMoreResult.grantsMatrix,
                  rows: [...previous.grantsMatrix.rows, ...fetchMoreResult.grantsMatrix.rows.filter((row) => !seen.has(row.account.id))],
                },
              };
            },
          })
        }
      />
    </>
  );
}
