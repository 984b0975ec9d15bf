import { useMemo } from 'react';
import type { TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useI18n } from '../i18n/i18n-context';
import { localizedName } from '../i18n/localized-name';
import { DataTable, useSortedRows, type Column } from '../ui/data-table';
import { formatDateTime } from '../ui/format';
import { LoadMore } from '../ui/pager';
import { Badge, EmptyState, Loading, QueryError } from '../ui/status';
import type { ApplicationPage, ApplicationSummary } from './access.operations';
import { STATUS_TONES } from './application-status';

export const APPLICATION_PAGE_SIZE = 50;

type PagedQuery<Field extends string> = TypedDocumentNode<Record<Field, ApplicationPage>, { first: number; after?: string | null }>;

/**
 * A cursor-paged list of applications (the inbox, my applications): sortable by the loaded rows, "load more" for
 * the next page, each application linked to its page.
 */
export function ApplicationList<Field extends 'applicationInbox' | 'myApplications'>({
  query,
  field,
  caption,
  empty,
  showApplicant,
}: {
  query: PagedQuery<Field>;
  field: Field;
  caption: string;
  empty: string;
  showApplicant: boolean;
}) {
  const { t, language, codeLabel } = useI18n();
  const { data, loading, error, refetch, fetchMore } = useQuery(query, {
    variables: { first: APPLICATION_PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: false,
  });
  const page = data?.[field] as ApplicationPage | undefined;
  const formLabel = (application: ApplicationSummary) =>
    `${application.form ? `${application.form.number} ` : ''}${codeLabel('access.kind', application.kind)}（${codeLabel('access.operation', application.operation)}）`;
  const currentStep = (application: ApplicationSummary) => {
    const step = application.steps.find((candidate) => candidate.state === 'CURRENT');
    return step ? t('access.stepOf', { number: step.index + 1, title: step.title }) : t('access.closed');
  };
  const columns = useMemo<Column<ApplicationSummary>[]>(() => {
    const all: Array<Column<ApplicationSummary> | null> = [
      {
        id: 'form',
        header: t('access.column.kind'),
        rowHeader: true,
        sortValue: formLabel,
        cell: (application) => (
          <a href={`#/access/application?id=${encodeURIComponent(application.id)}`}>
            {formLabel(application)}
          </a>
        ),
      },
      showApplicant
        ? {
            id: 'applicant',
            header: t('access.column.applicant'),
            sortValue: (application) => application.applicant.person.displayName,
            cell: (application) => `${application.applicant.person.displayName}（${application.applicant.username}）`,
          }
        : null,
      showApplicant
        ? { id: 'agency', header: t('access.column.agency'), sortValue: (application) => localizedName(application.agency, language), cell: (application) => localizedName(application.agency, language) }
        : null,
      {
        id: 'items',
        header: t('access.column.items'),
        cell: (application) =>
          [...application.itemsToAdd.map((item) => `+${item.code}`), ...application.itemsToRemove.map((item) => `−${item.code}`)].join(' ') || t('common.none'),
      },
      { id: 'step', header: t('access.column.currentStep'), sortValue: currentStep, cell: currentStep },
      {
        id: 'status',
        header: t('access.column.status'),
        sortValue: (application) => application.status,
        cell: (application) => <Badge tone={STATUS_TONES[application.status]}>{codeLabel('access.status', application.status)}</Badge>,
      },
      {
        id: 'submittedAt',
        header: t('access.column.submittedAt'),
        className: 'nowrap',
        sortValue: (application) => application.submittedAt,
        firstDirection: 'descending',
        cell: (application) => formatDateTime(application.submittedAt),
      },
    ];
    return all.filter((column): column is Column<ApplicationSummary> => column !== null);
    // The columns follow the language.
  }, [t, language, codeLabel, showApplicant]);
  const sorted = useSortedRows(page?.nodes ?? [], columns, { columnId: 'submittedAt', direction: 'ascending' });

  if (error && !page) return <QueryError error={error} onRetry={() => refetch()} />;
  if (loading && !page) return <Loading />;
  if (!page || page.nodes.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <>
      <DataTable
        caption={caption}
        columns={columns}
        rows={sorted.rows}
        rowKey={(application) => application.id}
        sort={sorted.sort}
        onSort={sorted.sortBy}
      />
      <LoadMore
        loaded={page.nodes.length}
        total={page.totalCount}
        hasNextPage={page.pageInfo.hasNextPage}
        loadMore={() =>
          fetchMore({
            variables: { first: APPLICATION_PAGE_SIZE, after: page.pageInfo.endCursor },
            updateQuery: (previous, { fetchMoreResult }) => {
              const before = previous[field] as ApplicationPage;
              const next = fetchMoreResult[field] as ApplicationPage;
              const seen = new Set(before.nodes.map((node) => node.id));
              return { ...previous, [field]: { ...next, nodes: [...before.nodes, ...next.nodes.filter((node) => !seen.has(node.id))] } } as typeof previous;
            },
          })
        }
      />
    </>
  );
}
