import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { useI18n } from '../i18n/i18n-context';
import { localizedName } from '../i18n/localized-name';
import type { PageProps } from '../shell/signed-in-routes';
import { DataTable, useSortedRows, type Column } from '../ui/data-table';
import { formatDateTime } from '../ui/format';
import { Page } from '../ui/page';
import { LoadMore } from '../ui/pager';
import { Badge, EmptyState, Loading, QueryError, type BadgeTone } from '../ui/status';
import { buildAgencyTree, countNodes, type TreeNode } from './agency-tree';
import { ACCOUNTS_QUERY, AGENCIES_QUERY, type AccountRow, type AgencyNode } from './organisation.operations';
import '../audit/audit.css';

export const ACCOUNTS_PAGE_SIZE = 20;

const STATUS_TONES: Record<string, BadgeTone> = { ACTIVE: 'ok', SUSPENDED: 'warning', REVOKED: 'neutral' };

export function OrganisationPage({ account }: PageProps) {
  const { t } = useI18n();
  const { data, loading, error, refetch, fetchMore } = useQuery(ACCOUNTS_QUERY, { variables: { first: ACCOUNTS_PAGE_SIZE } });
  const page = data?.accounts;
  // A top admin sees the whole city; an agency admin sees their own agency (the gateway decides, the words follow).
  const scope = account.roles.includes('TOP_ADMIN') ? t('org.intro.city') : t('org.intro.agency');
  return (
    <Page title={t('org.title')} lead={scope} className="page-wide">
      <nav className="button-row" aria-label={t('org.subpages')}>
        <a href="#/account-reviews">{t('org.nav.reviews')}</a>
        <a href="#/admin-handovers">{t('org.nav.handovers')}</a>
      </nav>
      <AgencyTree />
      <h2 className="section">{t('org.accounts.title')}</h2>
      {error && !page ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !page ? (
        <Loading />
      ) : page && page.nodes.length === 0 ? (
        <EmptyState>{t('org.empty')}</EmptyState>
      ) : page ? (
        <>
          <AccountsTable accounts={page.nodes} complete={!page.pageInfo.hasNextPage} />
          <LoadMore
            loaded={page.nodes.length}
            total={page.totalCount}
            hasNextPage={page.pageInfo.hasNextPage}
            loadMore={() => fetchMore({ variables: { first: ACCOUNTS_PAGE_SIZE, after: page.pageInfo.endCursor } })}
          />
        </>
      ) : null}
    </Page>
  );
}

function AccountsTable({ accounts, complete }: { accounts: AccountRow[]; complete: boolean }) {
  const { t, language, roleName, codeLabel } = useI18n();
  const columns = useMemo<Column<AccountRow>[]>(
    () => [
      { id: 'name', header: t('column.name'), rowHeader: true, sortValue: (row) => row.person.displayName, cell: (row) => row.person.displayName },
      { id: 'username', header: t('column.username'), sortValue: (row) => row.username, cell: (row) => <code>{row.username}</code> },
      {
        id: 'agency',
        header: t('column.agency'),
        sortValue: (row) => localizedName(row.agency, language),
        cell: (row) => localizedName(row.agency, language),
      },
      {
        id: 'roles',
        header: t('column.roles'),
        sortValue: (row) => row.roles.map(roleName).join(', '),
        cell: (row) =>
          row.roles.length === 0 ? (
            t('shell.noRoles')
          ) : (
            <ul className="role-list">
              {row.roles.map((role) => (
                <li key={role}>{roleName(role)}</li>
              ))}
            </ul>
          ),
      },
      {
        id: 'status',
        header: t('column.status'),
        sortValue: (row) => codeLabel('accountStatus', row.status),
        cell: (row) => <Badge tone={STATUS_TONES[row.status] ?? 'neutral'}>{codeLabel('accountStatus', row.status)}</Badge>,
      },
      {
        id: 'vendor',
        header: t('column.vendor'),
        sortValue: (row) => (row.isVendorStaff ? 0 : 1),
        cell: (row) => (row.isVendorStaff ? <Badge tone="warning">{t('common.yes')}</Badge> : t('common.no')),
      },
      {
        id: 'lastLogin',
        className: 'nowrap',
        header: t('column.lastLogin'),
        sortValue: (row) => row.lastLoginAt,
        firstDirection: 'descending',
        cell: (row) => (row.lastLoginAt ? formatDateTime(row.lastLoginAt) : <span className="muted">{t('common.never')}</span>),
      },
      {
        id: 'items',
        header: t('column.items'),
        className: 'numeric',
        sortValue: (row) => row.grants.length,
        firstDirection: 'descending',
        cell: (row) => row.grants.length,
      },
    ],
    [t, language, roleName, codeLabel],
  );
  const sorted = useSortedRows(accounts, columns, { columnId: 'username', direction: 'ascending' });
  return (
    <DataTable
      caption={t('org.caption')}
      columns={columns}
      rows={sorted.rows}
      rowKey={(row) => row.id}
      sort={sorted.sort}
      onSort={sorted.sortBy}
      note={complete ? undefined : t('list.sortPartial', { loaded: accounts.length })}
    />
  );
}

function AgencyTree() {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(AGENCIES_QUERY);
  const tree = useMemo(() => buildAgencyTree(data?.agencies ?? []), [data]);
  return (
    <section className="section" aria-labelledby="agency-tree-heading">
      <h2 id="agency-tree-heading">{t('org.tree.title')}</h2>
      {error && !data ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : tree.length === 0 ? (
        <EmptyState>{t('org.tree.empty')}</EmptyState>
      ) : (
        <>
          <p className="section-meta">{t('org.tree.count', { count: countNodes(tree) })}</p>
          <ul className="agency-tree" aria-label={t('org.tree.title')}>
            {tree.map((node) => (
              <AgencyBranch key={node.agency.id} node={node} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function AgencyBranch({ node }: { node: TreeNode<AgencyNode> }) {
  const { t, language, codeLabel } = useI18n();
  const { agency } = node;
  return (
    <li>
      <div className="agency-node">
        <strong>{localizedName(agency, language)}</strong>
        <Badge tone="neutral">{codeLabel('org.kind', agency.kind)}</Badge>
        {node.commissionedBy ? (
          <span className="muted">{t('org.tree.commissionedBy', { agency: localizedName(node.commissionedBy, language) })}</span>
        ) : null}
      </div>
      {agency.units.length > 0 ? (
        <p className="agency-units">
          {t('org.tree.units', { units: agency.units.map((unit) => localizedName(unit, language)).join(language === 'en' ? ', ' : '、') })}
        </p>
      ) : null}
      {node.children.length > 0 ? (
        <ul>
          {node.children.map((child) => (
            <AgencyBranch key={child.agency.id} node={child} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
