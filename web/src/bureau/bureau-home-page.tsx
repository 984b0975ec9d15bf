import { useId, useMemo, type ReactNode } from 'react';
import { useQuery } from '@apollo/client/react';
import type { ChartDatum } from '../charts/chart-data';
import { LazyBarChart, PRIMARY_CHART_COLOR } from '../charts/lazy-bar-chart';
import { Card } from '../home/card';
import { monthsAgo } from '../home/home-data';
import { useI18n } from '../i18n/i18n-context';
import { localizedName } from '../i18n/localized-name';
import { useItemNames } from '../queries/item-names';
import { startOfTaiwanDay } from '../register/register-filters';
import { hashOf, navigateTo, useHashParams } from '../shell/hash-path';
import type { PageProps } from '../shell/signed-in-routes';
import { formatNumber, todayInTaiwan } from '../ui/format';
import { Page } from '../ui/page';
import { EmptyState, Loading, QueryError } from '../ui/status';
import { bureauViewParams } from './bureau-filters';
import { CitySelect, ReachNotice, useBureauScope, WithReach, type BureauScope, useBureauView } from './bureau-scope';
import { monthlyCounts, topGroups } from './bureau-data';
import { BUREAU_HOME_COUNTS_QUERY, type QueryCountReport } from './bureau.operations';
import './bureau.css';

const MONTHS = 12;
const TOP = 6;

/**
 * A bureau officer's home: the last twelve months of the service's queries in the cities they may read, by city,
 * month, item and purpose, for every city or the one picked; each card leads to the page behind its numbers.
 */
export function BureauHomePage({ account }: PageProps) {
  const { t, language } = useI18n();
  const scope = useBureauScope();
  return (
    <Page
      title={t('nav.home')}
      heading={t('bureau.home.title', { name: account.person.displayName })}
      lead={scope.reach ? t('bureau.home.intro', { date: todayInTaiwan(), agency: localizedName(account.agency, language), service: scope.serviceName }) : undefined}
      className="page-wide"
    >
      <WithReach scope={scope}>
        <BureauDashboard scope={scope} />
      </WithReach>
    </Page>
  );
}

function BureauDashboard({ scope }: { scope: BureauScope }) {
  const { t, language } = useI18n();
  const params = useHashParams();
  const address = params.toString();
  const view = useBureauView(scope, address);
  const today = todayInTaiwan();
  const firstDay = monthsAgo(today, MONTHS - 1);
  const filter = useMemo(() => ({ from: startOfTaiwanDay(firstDay), ...(view.cityId ? { cityIds: [view.cityId] } : {}) }), [firstDay, view.cityId]);
  const { data, loading, error, refetch } = useQuery(BUREAU_HOME_COUNTS_QUERY, { variables: { filter } });
  const { itemName } = useItemNames();
  const cityId = useId();
  const service = scope.serviceName;
  const other = t('bureau.home.other');
  // Links keep the chosen city and the same twelve months, so the page behind a card shows the same numbers.
  const linkView = { cityId: view.cityId, from: firstDay };

  const byCity = useMemo<ChartDatum[]>(() => {
    const counts = new Map((data?.byCity.rows ?? []).map((row) => [row.cityId, row.count]));
    const shown = view.cityId ? [view.cityId] : scope.reach!.cityIds;
    return shown.map((id) => ({ label: scope.cityName(id), count: counts.get(id) ?? 0 }));
  }, [data, view.cityId, scope]);
  const byMonth = useMemo(() => monthlyCounts(data?.byMonth.rows ?? [], firstDay.slice(0, 7), today.slice(0, 7)), [data, firstDay, today]);
  const byItem = useMemo(() => topGroups(data?.byItem.rows ?? [], (row) => itemName(row.itemKey ?? ''), TOP, other), [data, itemName, other]);
  const byPurpose = useMemo(() => topGroups(data?.byPurpose.rows ?? [], (row) => row.purpose ?? t('common.none'), TOP, other), [data, t, other]);
  const total = data?.byCity.total ?? 0;

  const body = (report: QueryCountReport | undefined, content: ReactNode) =>
    error && !data ? (
      <QueryError error={error} onRetry={() => refetch()} />
    ) : loading && !data ? (
      <Loading />
    ) : !report || report.total === 0 ? (
      <EmptyState>{t('bureau.home.total.none', { service })}</EmptyState>
    ) : (
      content
    );

  return (
    <>
      <ReachNotice scope={scope} />
      <div className="filters">
        <div className="field field-inline">
          <label htmlFor={cityId}>{t('bureau.city')}</label>
          <CitySelect id={cityId} scope={scope} value={view.cityId ?? ''} onChange={(city) => navigateTo('/', bureauViewParams({ cityId: city || null }))} />
        </div>
      </div>
      <div className="dashboard">
        <Card title={t('bureau.home.total.title')} link={{ href: hashOf('/bureau/register', bureauViewParams(linkView)), label: t('bureau.home.total.link') }}>
          {body(
            data?.byCity,
            <>
              <p className="card-figure">{t('bureau.home.total.figure', { count: formatNumber(total, language) })}</p>
              <LazyBarChart title={t('bureau.home.total.chart')} categoryHeader={t('bureau.city')} data={byCity} series={[{ key: 'count', label: t('chart.count'), color: PRIMARY_CHART_COLOR }]} />
            </>,
          )}
        </Card>
        <Card title={t('bureau.home.month.title')} link={{ href: hashOf('/bureau/statistics', bureauViewParams({ ...linkView, groupBy: ['MONTH'] })), label: t('bureau.home.month.link') }}>
          {body(
            data?.byMonth,
            <LazyBarChart title={t('bureau.home.month.chart')} categoryHeader={t('chart.month')} data={byMonth} series={[{ key: 'count', label: t('chart.count'), color: PRIMARY_CHART_COLOR }]} />,
          )}
        </Card>
        <Card title={t('bureau.home.item.title')} link={{ href: hashOf('/bureau/statistics', bureauViewParams({ ...linkView, groupBy: ['ITEM'] })), label: t('bureau.home.item.link') }}>
          {body(
            data?.byItem,
            <LazyBarChart title={t('bureau.home.item.chart')} categoryHeader={t('column.item')} data={byItem} series={[{ key: 'count', label: t('chart.count'), color: PRIMARY_CHART_COLOR }]} />,
          )}
        </Card>
        <Card title={t('bureau.home.purpose.title')} link={{ href: hashOf('/bureau/statistics', bureauViewParams({ ...linkView, groupBy: ['PURPOSE'] })), label: t('bureau.home.purpose.link') }}>
          {body(
            data?.byPurpose,
            <LazyBarChart title={t('bureau.home.purpose.chart')} categoryHeader={t('bureau.dimension.PURPOSE')} data={byPurpose} series={[{ key: 'count', label: t('chart.count'), color: PRIMARY_CHART_COLOR }]} />,
          )}
        </Card>
        <Card title={t('bureau.home.oversight.title')}>
          <p>{t('bureau.home.oversight.lead')}</p>
          {/* Links only: counting here would be one more logged read of every city on each visit. */}
          <ul className="plain-list">
            <li>
              <a href={hashOf('/bureau/applications', bureauViewParams({ cityId: view.cityId }))}>{t('bureau.nav.applications')}</a>
            </li>
            <li>
              <a href={hashOf('/bureau/audits', bureauViewParams({ cityId: view.cityId }))}>{t('bureau.nav.audits')}</a>
            </li>
            <li>
              <a href={hashOf('/bureau/findings', bureauViewParams({ cityId: view.cityId }))}>{t('bureau.nav.findings')}</a>
            </li>
            <li>
              <a href={hashOf('/bureau/audit-requests')}>{t('bureau.nav.requests')}</a>
            </li>
          </ul>
        </Card>
      </div>
    </>
  );
}
