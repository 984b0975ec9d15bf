import { lazy, useMemo } from 'react';
import { AUDIT_READER_ROLES } from '../audit/audit-roles';
import { useQuery } from '@apollo/client/react';
import { MY_GRANTS_QUERY } from '../access/access.operations';
import { COMPLIANCE_TASKS_QUERY, TASK_STATES, type ComplianceTask } from '../calendar/calendar.operations';
import { countByCategory, countByMonth } from '../charts/chart-data';
import { LazyBarChart, PRIMARY_CHART_COLOR } from '../charts/lazy-bar-chart';
import { useI18n } from '../i18n/i18n-context';
import { localizedName } from '../i18n/localized-name';
import { ACCOUNT_COUNT_QUERY, ACCOUNT_LIST_ROLES } from '../organisation/organisation.operations';
import { ITEM_CATALOGUE_QUERY, MY_QUERY_RECORDS_QUERY } from '../register/register.operations';
import { RuleStatusView } from '../rules/rule-status-view';
import { CITY_RULES_QUERY } from '../rules/rules.operations';
import type { PageProps } from '../shell/signed-in-routes';
import { formatDateTime, formatNumber, taiwanMonth, todayInTaiwan } from '../ui/format';
import { Page } from '../ui/page';
import { Badge, EmptyState, Loading, QueryError } from '../ui/status';
import { Card } from './card';
import { ApplicationInboxCard, CrossCityReadsCard, FindingsCard, MyRequestsCard, QueryVolumeCard, RequestsAwaitingMeCard } from './work-cards';
import { CROSS_CITY_READ_LOG_ROLES } from '../bureau/bureau.routes';

/** Roles that act on steps of 附表一/二/三 applications. */
const APPLICATION_APPROVER_ROLES = ['UNIT_HEAD', 'UNIT_ADMIN', 'AGENCY_HEAD', 'AGENCY_ADMIN', 'TOP_ADMIN', 'REVIEWING_OFFICER'];
/** Roles that approve caseworkers' query requests (unit head: the unit; agency head: the agency). */
const REQUEST_DECIDER_ROLES = ['UNIT_HEAD', 'AGENCY_HEAD'];


/** How many register entries the home page reads for "recent" and its monthly chart. */
const RECENT_RECORDS = 100;

// A bureau officer's home reads across cities: its own chunk, fetched only by them.
const BureauHomePage = lazy(() => import('../bureau/bureau-home-page').then((module) => ({ default: module.BureauHomePage })));

const LIST_LIMIT = 5;

/**
 * What needs doing now, by role, from what the platform holds: a caseworker's items and recent queries, the tasks of
 * the compliance calendar owned by the person's roles, an admin's accounts, and the city's rules today. Every section
 * loads (and fails) on its own, so one unavailable service does not blank the page.
 */
export function HomePage({ account }: PageProps) {
  if (account.roles.includes('BUREAU_OFFICER')) return <BureauHomePage account={account} />;
  return <CityHomePage account={account} />;
}

function CityHomePage({ account }: PageProps) {
  const { t } = useI18n();
  const isCaseworker = account.roles.includes('CASEWORKER');
  const listsAccounts = account.roles.some((role) => ACCOUNT_LIST_ROLES.includes(role));
  const approves = account.roles.some((role) => APPLICATION_APPROVER_ROLES.includes(role));
  const decidesRequests = account.roles.some((role) => REQUEST_DECIDER_ROLES.includes(role));
  const readsFindings = account.roles.some((role) => AUDIT_READER_ROLES.includes(role));
  return (
    <Page
      title={t('nav.home')}
      heading={t('home.title', { name: account.person.displayName })}
      lead={t('home.intro', { date: todayInTaiwan() })}
      className="page-wide"
    >
      <div className="dashboard">
        {approves ? <ApplicationInboxCard roles={account.roles} /> : null}
        {decidesRequests ? <RequestsAwaitingMeCard roles={account.roles} /> : null}
        {isCaseworker ? <MyRequestsCard roles={account.roles} /> : null}
        {isCaseworker ? <GrantsCard /> : null}
        {isCaseworker ? <RecentQueriesCard /> : null}
        <TasksCard roles={account.roles} />
        {readsFindings ? <FindingsCard /> : null}
        {account.roles.includes('AGENCY_ADMIN') ? <QueryVolumeCard roles={account.roles} agencyId={account.agency.id} /> : null}
        {account.roles.some((role) => CROSS_CITY_READ_LOG_ROLES.includes(role)) ? <CrossCityReadsCard /> : null}
        {listsAccounts ? <AccountsCard cityWide={account.roles.includes('TOP_ADMIN')} /> : null}
        <RulesCard />
      </div>
    </Page>
  );
}


function GrantsCard() {
  const { t, language } = useI18n();
  const { data, loading, error, refetch } = useQuery(MY_GRANTS_QUERY);
  const grants = data?.myGrants ?? [];
  return (
    <Card title={t('home.grants.title')} link={{ href: '#/access', label: t('home.grants.link') }}>
      {error ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : grants.length === 0 ? (
        <EmptyState>{t('home.grants.none')}</EmptyState>
      ) : (
        <>
          <p className="card-figure">{t('home.grants.count', { count: formatNumber(grants.length, language) })}</p>
          <ul className="plain-list">
            {grants.map((grant) => (
              <li key={grant.id}>
                <code>{grant.item?.code ?? grant.itemKey}</code> {grant.item ? localizedName(grant.item, language) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

function RecentQueriesCard() {
  const { t, language } = useI18n();
  const { data, loading, error, refetch } = useQuery(MY_QUERY_RECORDS_QUERY, { variables: { first: RECENT_RECORDS } });
  const records = data?.myQueryRecords.nodes ?? [];
  const catalogue = useQuery(ITEM_CATALOGUE_QUERY, { skip: records.length === 0 });
  const itemName = (itemKey: string) => {
    const item = [...(catalogue.data?.labor ?? []), ...(catalogue.data?.health ?? [])].find((candidate) => candidate.key === itemKey);
    return item ? `${item.code} ${localizedName(item, language)}` : itemKey;
  };
  const byMonth = useMemo(() => countByMonth(records, (record) => taiwanMonth(record.queriedAt)), [records]);
  return (
    <Card title={t('home.records.title')} link={{ href: '#/register', label: t('home.records.link') }}>
      {error ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : records.length === 0 ? (
        <EmptyState>{t('home.records.none')}</EmptyState>
      ) : (
        <>
          <ul className="plain-list">
            {records.slice(0, LIST_LIMIT).map((record) => (
              <li key={record.id}>
                <span className="muted">{formatDateTime(record.queriedAt)}</span> {itemName(record.itemKey)} ·{' '}
                {record.caseNumber}
              </li>
            ))}
          </ul>
          <LazyBarChart
            title={t('home.records.chart')}
            note={t('home.records.chartNote', { count: records.length })}
            categoryHeader={t('chart.month')}
            data={byMonth}
            series={[{ key: 'count', label: t('chart.count'), color: PRIMARY_CHART_COLOR }]}
          />
        </>
      )}
    </Card>
  );
}

/** Overdue first, then by due date. */
function byUrgency(a: ComplianceTask, b: ComplianceTask): number {
  if ((a.state === 'OVERDUE') !== (b.state === 'OVERDUE')) return a.state === 'OVERDUE' ? -1 : 1;
  return a.dueOn.localeCompare(b.dueOn);
}

function TasksCard({ roles }: { roles: string[] }) {
  const { t, roleName, codeLabel } = useI18n();
  const { data, loading, error, refetch } = useQuery(COMPLIANCE_TASKS_QUERY, { variables: { state: null } });
  const cityTasks = data?.complianceTasks ?? [];
  const mine = cityTasks.filter((task) => task.state !== 'DONE' && roles.includes(task.ownerRole)).sort(byUrgency);
  const overdue = mine.filter((task) => task.state === 'OVERDUE').length;
  const byState = useMemo(
    () => countByCategory(cityTasks, (task) => task.state, TASK_STATES).map((datum) => ({ ...datum, label: codeLabel('taskState', datum.label) })),
    [cityTasks, codeLabel],
  );
  return (
    <Card title={t('home.tasks.title')} link={{ href: '#/calendar', label: t('home.tasks.link') }}>
      {error ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : (
        <>
          {mine.length === 0 ? (
            <EmptyState>{t('home.tasks.none')}</EmptyState>
          ) : (
            <>
              <p className={overdue > 0 ? 'card-figure card-figure-danger' : 'card-figure'}>
                {t('home.tasks.summary', { overdue, open: mine.length - overdue })}
              </p>
              <ul className="plain-list">
                {mine.slice(0, LIST_LIMIT).map((task) => (
                  <li key={task.id} className={task.state === 'OVERDUE' ? 'item-overdue' : undefined}>
                    <Badge tone={task.state === 'OVERDUE' ? 'danger' : 'info'}>{codeLabel('taskState', task.state)}</Badge>{' '}
                    {task.title} <span className="muted">{t('home.tasks.due', { date: task.dueOn })}</span>{' '}
                    <span className="muted">({roleName(task.ownerRole)})</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {cityTasks.length > 0 ? (
            <LazyBarChart
              title={t('home.taskChart.title')}
              categoryHeader={t('column.state')}
              data={byState}
              series={[{ key: 'count', label: t('chart.count'), color: PRIMARY_CHART_COLOR }]}
            />
          ) : null}
        </>
      )}
    </Card>
  );
}

function AccountsCard({ cityWide }: { cityWide: boolean }) {
  const { t, language } = useI18n();
  const { data, loading, error, refetch } = useQuery(ACCOUNT_COUNT_QUERY);
  return (
    <Card title={t('home.accounts.title')} link={{ href: '#/organisation', label: t('home.accounts.link') }}>
      {error ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : data ? (
        <p className="card-figure">
          {t(cityWide ? 'home.accounts.city' : 'home.accounts.agency', {
            count: formatNumber(data.accounts.totalCount, language),
          })}
        </p>
      ) : null}
    </Card>
  );
}

function RulesCard() {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(CITY_RULES_QUERY, { variables: { on: null } });
  const status = data?.me?.city.rulesInForce;
  return (
    <Card title={t('home.rules.title')} link={{ href: '#/rules', label: t('home.rules.link') }}>
      {error ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : status ? (
        <RuleStatusView status={status} />
      ) : null}
    </Card>
  );
}
