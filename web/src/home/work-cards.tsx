import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { ANOMALY_RULES, FINDING_SEVERITIES, OPEN_FINDINGS_QUERY, type Finding } from '../audit/audit.operations';
import { findingRuleLabel, SEVERITY_COLORS, SEVERITY_TONES } from '../audit/audit-labels';
import { countByCategory, countByMonth, countByMonthAndCategory } from '../charts/chart-data';
import { LazyBarChart, PRIMARY_CHART_COLOR } from '../charts/lazy-bar-chart';
import type { MessageKey } from '../i18n/dictionaries';
import { useI18n } from '../i18n/i18n-context';
import { CROSS_CITY_READS_QUERY } from '../bureau/bureau.operations';
import { localizedName } from '../i18n/localized-name';
import { ITEM_CATALOGUE_QUERY } from '../register/register.operations';
import { formatDateTime, formatNumber, taiwanMonth, todayInTaiwan } from '../ui/format';
import { Badge, EmptyState, Loading, QueryError } from '../ui/status';
import { hashOf } from '../shell/hash-path';
import { allowedPath } from '../shell/signed-in-routes';
import { Card } from './card';
import { monthsAgo, topCategories } from './home-data';
import {
  AGENCY_VOLUME_QUERY,
  APPLICATION_INBOX_QUERY,
  HOME_AGENCIES_QUERY,
  MY_REQUESTS_QUERY,
  REQUESTS_AWAITING_ME_QUERY,
  type HomeQueryRequest,
  type VolumeCount,
} from './home.operations';

const LIST_LIMIT = 5;
/** The volume charts count the last twelve months, grouped by the register itself (exact, however many queries). */
const countOf = (group: VolumeCount) => group.count;
const VOLUME_MONTHS = 12;

/** A card's link, offered only when the person may open the page behind it. */
function linkTo(roles: readonly string[], path: string, label: string, params?: Record<string, string>): { href: string; label: string } | undefined {
  return allowedPath(path, roles) ? { href: hashOf(path, params), label } : undefined;
}

export function ApplicationInboxCard({ roles }: { roles: readonly string[] }) {
  const { t, language } = useI18n();
  const { data, loading, error, refetch } = useQuery(APPLICATION_INBOX_QUERY, { variables: { first: LIST_LIMIT } });
  const inbox = data?.applicationInbox;
  return (
    <Card title={t('home.work.inbox.title')} link={linkTo(roles, '/access/inbox', t('home.work.inbox.link'))}>
      {error ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : !inbox || inbox.totalCount === 0 ? (
        <EmptyState>{t('home.work.inbox.none')}</EmptyState>
      ) : (
        <>
          <p className="card-figure">{t('home.work.inbox.count', { count: formatNumber(inbox.totalCount, language) })}</p>
          <ul className="plain-list">
            {inbox.nodes.map((application) => (
              <li key={application.id}>
                <span className="muted">{formatDateTime(application.submittedAt)}</span>{' '}
                <a href={hashOf('/access/application', { id: application.id })}>
                  {application.applicant.person.displayName}（<code>{application.applicant.username}</code>）· {application.kind}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

function RequestList({ requests }: { requests: HomeQueryRequest[] }) {
  const { codeLabel } = useI18n();
  return (
    <ul className="plain-list">
      {requests.slice(0, LIST_LIMIT).map((request) => (
        <li key={request.id}>
          <Badge tone={request.status === 'PENDING' ? 'warning' : 'info'}>{codeLabel('home.work.requestStatus', request.status)}</Badge>{' '}
          <span className="muted">{formatDateTime(request.createdAt)}</span> {request.caseNumber} · {request.requester.person.displayName}
        </li>
      ))}
    </ul>
  );
}

export function RequestsAwaitingMeCard({ roles }: { roles: readonly string[] }) {
  const { t, language } = useI18n();
  const { data, loading, error, refetch } = useQuery(REQUESTS_AWAITING_ME_QUERY, { variables: { first: LIST_LIMIT } });
  const page = data?.queryRequestsAwaitingMyDecision;
  return (
    <Card title={t('home.work.awaiting.title')} link={linkTo(roles, '/queries/approvals', t('home.work.awaiting.link'))}>
      {error ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : !page || page.totalCount === 0 ? (
        <EmptyState>{t('home.work.awaiting.none')}</EmptyState>
      ) : (
        <>
          <p className="card-figure">{t('home.work.awaiting.count', { count: formatNumber(page.totalCount, language) })}</p>
          <RequestList requests={page.nodes} />
        </>
      )}
    </Card>
  );
}

export function MyRequestsCard({ roles }: { roles: readonly string[] }) {
  const { t, language } = useI18n();
  const { data, loading, error, refetch } = useQuery(MY_REQUESTS_QUERY, { variables: { first: 50 } });
  const pending = (data?.myQueryRequests.nodes ?? []).filter((request) => request.status === 'PENDING' || request.status === 'APPROVED');
  const waiting = pending.filter((request) => request.status === 'PENDING').length;
  return (
    <Card title={t('home.work.mine.title')} link={linkTo(roles, '/queries/requests', t('home.work.mine.link'))}>
      {error ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : pending.length === 0 ? (
        <EmptyState>{t('home.work.mine.none')}</EmptyState>
      ) : (
        <>
          <p className="card-figure">
            {t('home.work.mine.count', { pending: formatNumber(waiting, language), approved: formatNumber(pending.length - waiting, language) })}
          </p>
          <RequestList requests={pending} />
        </>
      )}
    </Card>
  );
}

function isOpen(finding: Finding): boolean {
  return finding.status !== 'CLOSED';
}

export function FindingsCard() {
  const i18n = useI18n();
  const { t, codeLabel } = i18n;
  const { data, loading, error, refetch } = useQuery(OPEN_FINDINGS_QUERY);
  const findings = data?.findings ?? [];
  const open = findings.filter(isOpen);
  const byMonth = useMemo(
    () => countByMonthAndCategory(findings, (finding) => taiwanMonth(finding.windowStart), (finding) => finding.severity, FINDING_SEVERITIES),
    [findings],
  );
  const byRule = useMemo(
    () => countByCategory(open, (finding) => finding.rule ?? finding.ruleId, ANOMALY_RULES).map((datum) => ({ ...datum, label: codeLabel('audit.finding.rule', datum.label) })),
    [open, codeLabel],
  );
  return (
    <Card title={t('home.work.findings.title')} link={{ href: '#/findings', label: t('home.work.findings.link') }}>
      {error ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : findings.length === 0 ? (
        <EmptyState>{t('home.work.findings.none')}</EmptyState>
      ) : (
        <>
          <p className={open.length > 0 ? 'card-figure card-figure-danger' : 'card-figure'}>{t('home.work.findings.count', { open: open.length, total: findings.length })}</p>
          <ul className="plain-list">
            {open.slice(0, LIST_LIMIT).map((finding) => (
              <li key={finding.id}>
                <Badge tone={SEVERITY_TONES[finding.severity]}>{codeLabel('audit.finding.severity', finding.severity)}</Badge>{' '}
                <a href={hashOf('/findings', { id: finding.id })}>{findingRuleLabel(i18n, 'audit.finding.rule', finding)}</a>{' '}
                <span className="muted">{formatDateTime(finding.detectedAt)}</span>
              </li>
            ))}
          </ul>
          {open.length > 0 ? (
            <LazyBarChart
              title={t('home.work.findings.byRule')}
              categoryHeader={t('audit.finding.column.rule')}
              data={byRule}
              series={[{ key: 'count', label: t('chart.count'), color: PRIMARY_CHART_COLOR }]}
            />
          ) : null}
          <LazyBarChart
            title={t('home.work.findings.byMonth')}
            categoryHeader={t('chart.month')}
            data={byMonth}
            stacked
            series={FINDING_SEVERITIES.map((severity) => ({ key: severity, label: codeLabel('audit.finding.severity', severity), color: SEVERITY_COLORS[severity] }))}
          />
        </>
      )}
    </Card>
  );
}

export function QueryVolumeCard({ roles, agencyId }: { roles: readonly string[]; agencyId: string }) {
  const { t, language } = useI18n();
  const from = useMemo(() => `${monthsAgo(todayInTaiwan(), VOLUME_MONTHS - 1)}T00:00:00+08:00`, []);
  const { data, loading, error, refetch } = useQuery(AGENCY_VOLUME_QUERY, { variables: { from, agencyId } });
  const groups = data?.queryCounts.rows ?? [];
  const catalogue = useQuery(ITEM_CATALOGUE_QUERY, { skip: groups.length === 0 });
  const agencies = useQuery(HOME_AGENCIES_QUERY, { skip: groups.length === 0 });
  const itemName = useMemo(() => {
    const items = [...(catalogue.data?.labor ?? []), ...(catalogue.data?.health ?? [])];
    return (key: string) => {
      const item = items.find((candidate) => candidate.key === key);
      return item ? `${item.code} ${localizedName(item, language)}` : key;
    };
  }, [catalogue.data, language]);
  const unitName = useMemo(() => {
    const units = (agencies.data?.agencies ?? []).flatMap((agency) => agency.units);
    return (id: string | null) => {
      if (!id) return t('home.work.volume.noUnit');
      const unit = units.find((candidate) => candidate.id === id);
      return unit ? localizedName(unit, language) : id.slice(0, 8);
    };
  }, [agencies.data, language, t]);
  const byMonth = useMemo(() => countByMonth(groups, (group) => group.month, 'count', countOf), [groups]);
  const byItem = useMemo(() => topCategories(groups, (group) => itemName(group.itemKey), 6, t('home.work.volume.other'), countOf), [groups, itemName, t]);
  const byUnit = useMemo(() => topCategories(groups, (group) => unitName(group.unitId), 6, t('home.work.volume.other'), countOf), [groups, unitName, t]);
  const total = data?.queryCounts.total ?? 0;
  const note = t('home.work.volume.note', { count: total });
  return (
    <Card title={t('home.work.volume.title')} link={linkTo(roles, '/register', t('home.work.volume.link'), { scope: 'AGENCY' })}>
      {error ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : groups.length === 0 ? (
        <EmptyState>{t('home.work.volume.none')}</EmptyState>
      ) : (
        <>
          <LazyBarChart title={t('home.work.volume.byMonth')} note={note} categoryHeader={t('chart.month')} data={byMonth} series={[{ key: 'count', label: t('chart.count'), color: PRIMARY_CHART_COLOR }]} />
          <LazyBarChart title={t('home.work.volume.byItem')} note={note} categoryHeader={t('column.item')} data={byItem} series={[{ key: 'count', label: t('chart.count'), color: PRIMARY_CHART_COLOR }]} />
          <LazyBarChart title={t('home.work.volume.byUnit')} note={note} categoryHeader={t('home.work.volume.unit')} data={byUnit} series={[{ key: 'count', label: t('chart.count'), color: PRIMARY_CHART_COLOR }]} />
        </>
      )}
    </Card>
  );
}

/** For the city's top admin: how often central agencies read the city's records (every read is logged). */
export function CrossCityReadsCard() {
  const { t, language } = useI18n();
  const { data, loading, error, refetch } = useQuery(CROSS_CITY_READS_QUERY, { variables: { first: LIST_LIMIT } });
  const reads = data?.crossCityReads;
  return (
    <Card title={t('home.reads.title')} link={{ href: hashOf('/cross-city-reads'), label: t('home.reads.link') }}>
      {error ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : !reads || reads.totalCount === 0 ? (
        <EmptyState>{t('home.reads.none')}</EmptyState>
      ) : (
        <>
          <p className="card-figure">{t('home.reads.count', { count: formatNumber(reads.totalCount, language) })}</p>
          <ul className="plain-list">
            {reads.nodes.map((read) => (
              <li key={read.id}>
                <span className="muted">{formatDateTime(read.readAt)}</span> {t(`service.${read.service}` as MessageKey)} · <code>{read.operation}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
