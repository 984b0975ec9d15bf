import './bureau.css';
import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import type { MessageKey } from '../i18n/dictionaries';
import { useI18n } from '../i18n/i18n-context';
import { appendPage } from '../queries/query-errors';
import { hashOf, useHashParams } from '../shell/hash-path';
import type { PageProps } from '../shell/signed-in-routes';
import { DataTable, useSortedRows, type Column } from '../ui/data-table';
import { formatDateTime, formatNumber } from '../ui/format';
import { Page } from '../ui/page';
import { LoadMore } from '../ui/pager';
import { EmptyState, Loading, QueryError } from '../ui/status';
import { shortId } from './bureau-scope';
import { APPLICATION_CROSS_CITY_READS_QUERY, AUDIT_CROSS_CITY_READS_QUERY, CROSS_CITY_READS_QUERY, type CrossCityRead } from './bureau.operations';

const PAGE_SIZE = 50;
const PATH = '/cross-city-reads';

/** Each subgraph keeps its own read log: the query log's, the audit records' and the applications'. */
export const READ_KINDS = ['queries', 'audits', 'applications'] as const;
export type ReadKind = (typeof READ_KINDS)[number];

export function readKindOf(value: string | null): ReadKind {
  return (READ_KINDS as readonly string[]).includes(value ?? '') ? (value as ReadKind) : 'queries';
}

/**
 * The city's read logs (issue 9): every read by a central agency of its query records, its audits and findings, or
 * its applications, for its top admin; one kind at a time, the kind kept in the address (`?kind=audits`).
 */
export function CrossCityReadsPage(_props: PageProps) {
  const { t } = useI18n();
  const kind = readKindOf(useHashParams().get('kind'));
  return (
    <Page title={t('bureau.reads.title')} lead={t('bureau.reads.intro')} className="page-wide">
      <nav aria-label={t('bureau.reads.kind')} className="reads-kinds">
        <ul>
          {READ_KINDS.map((candidate) => (
            <li key={candidate}>
              <a className="button" href={hashOf(PATH, { kind: candidate === 'queries' ? null : candidate })} aria-current={candidate === kind ? 'page' : undefined}>
                {t(`bureau.reads.kind.${candidate}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {kind === 'queries' ? <QueryReads /> : <OtherReads key={kind} kind={kind} />}
    </Page>
  );
}

interface ReadsPage {
  totalCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  nodes: CrossCityRead[];
}

function QueryReads() {
  const variables = { first: PAGE_SIZE };
  const { data, loading, error, refetch, fetchMore } = useQuery(CROSS_CITY_READS_QUERY, { variables });
  return (
    <ReadsView
      kind="queries"
      page={data?.crossCityReads}
      loading={loading}
      error={error}
      refetch={refetch}
      loadMore={(after) =>
        fetchMore({
          variables: { ...variables, after },
          updateQuery: (previous, { fetchMoreResult }) => ({ crossCityReads: appendPage(previous.crossCityReads, fetchMoreResult.crossCityReads) }),
        })
      }
    />
  );
}

function OtherReads({ kind }: { kind: 'audits' | 'applications' }) {
  const variables = { first: PAGE_SIZE };
  const query = kind === 'audits' ? AUDIT_CROSS_CITY_READS_QUERY : APPLICATION_CROSS_CITY_READS_QUERY;
  const { data, loading, error, refetch, fetchMore } = useQuery(query, { variables });
  return (
    <ReadsView
      kind={kind}
      page={data?.reads}
      loading={loading}
      error={error}
      refetch={refetch}
      loadMore={(after) =>
        fetchMore({
          variables: { ...variables, after },
          updateQuery: (previous, { fetchMoreResult }) => ({ reads: appendPage(previous.reads, fetchMoreResult.reads) }),
        })
      }
    />
  );
}

function ReadsView({
  kind,
  page,
  loading,
  error,
  refetch,
  loadMore,
}: {
  kind: ReadKind;
  page: ReadsPage | undefined;
  loading: boolean;
  error: unknown;
  refetch(): unknown;
  loadMore(after: string | null): Promise<unknown>;
}) {
  const { t } = useI18n();
  const caption = kind === 'queries' ? t('bureau.reads.caption') : t(`bureau.reads.caption.${kind}`);
  const empty = kind === 'queries' ? t('bureau.reads.empty') : t(`bureau.reads.empty.${kind}`);
  if (error && !page) return <QueryError error={error} onRetry={() => refetch()} />;
  if (loading && !page) return <Loading />;
  if (!page) return null;
  if (page.nodes.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <>
      <ReadsTable caption={caption} reads={page.nodes} complete={!page.pageInfo.hasNextPage} />
      <LoadMore loaded={page.nodes.length} total={page.totalCount} hasNextPage={page.pageInfo.hasNextPage} loadMore={() => loadMore(page.pageInfo.endCursor)} />
    </>
  );
}

function ReadsTable({ caption, reads, complete }: { caption: string; reads: CrossCityRead[]; complete: boolean }) {
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
      caption={caption}
      columns={columns}
      rows={sorted.rows}
      rowKey={(read) => read.id}
      sort={sorted.sort}
      onSort={sorted.sortBy}
      note={complete ? undefined : t('list.sortPartial', { loaded: reads.length })}
    />
  );
}
