import '../queries/queries.css';
import { useId, useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { findingRuleLabel } from '../audit/audit-labels';
import { useI18n } from '../i18n/i18n-context';
import { appendPage } from '../queries/query-errors';
import { useHashParams } from '../shell/hash-path';
import type { PageProps } from '../shell/signed-in-routes';
import { DataTable, useSortedRows, type Column } from '../ui/data-table';
import { formatDateTime, formatNumber } from '../ui/format';
import { LoadMore } from '../ui/pager';
import { Badge, EmptyState, Loading, QueryError, type BadgeTone } from '../ui/status';
import { BureauFilterForm } from './bureau-filter-form';
import { type BureauView } from './bureau-filters';
import { findingFilter, readFindingChoices } from './bureau-oversight-filters';
import { BureauPage, ReachNotice, shortId, type BureauScope, useBureauView } from './bureau-scope';
import { ANOMALY_RULES, BUREAU_FINDINGS_QUERY, FINDING_SEVERITIES, FINDING_STATUSES, type BureauFinding } from './bureau.operations';
import './bureau.css';

const PAGE_SIZE = 50;
const PATH = '/bureau/findings';

const SEVERITY_TONES: Record<string, BadgeTone> = { HIGH: 'danger', MEDIUM: 'warning', LOW: 'neutral' };
const STATUS_TONES: Record<string, BadgeTone> = { OPEN: 'warning', INVESTIGATING: 'info', CLOSED: 'ok' };
const SEVERITY_ORDER = ['LOW', 'MEDIUM', 'HIGH'];

/** The cities' anomaly findings raised under the bureau's service's rules (bureauFindings), newest first. */
export function BureauFindingsPage(_props: PageProps) {
  return (
    <BureauPage title="bureau.findings.title" intro="bureau.findings.intro" className="page-wide register-page">
      {(scope) => <BureauFindings scope={scope} />}
    </BureauPage>
  );
}

function BureauFindings({ scope }: { scope: BureauScope }) {
  const { t, codeLabel } = useI18n();
  const params = useHashParams();
  const address = params.toString();
  const view = useBureauView(scope, address, readFindingChoices);
  const filter = useMemo(() => findingFilter(view), [view]);
  const variables = { first: PAGE_SIZE, filter };
  const { data, loading, error, refetch, fetchMore } = useQuery(BUREAU_FINDINGS_QUERY, { variables });
  const page = data?.bureauFindings;
  const ids = { severity: useId(), status: useId(), rule: useId() };
  const filtered = Boolean(view.from || view.to || Object.keys(view.choices ?? {}).length > 0);

  const select = (draft: BureauView, setDraft: (next: BureauView) => void, name: string, id: string, label: string, codes: readonly string[], prefix: string) => (
    <div className="field field-inline">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={draft.choices?.[name] ?? ''}
        onChange={(event) => {
          const choices = { ...draft.choices };
          if (event.target.value) choices[name] = event.target.value;
          else delete choices[name];
          setDraft({ ...draft, choices });
        }}
      >
        <option value="">{t('bureau.findings.any')}</option>
        {codes.map((code) => (
          <option key={code} value={code}>
            {codeLabel(prefix, code)}
          </option>
        ))}
      </select>
    </div>
  );
  const extra = (draft: BureauView, setDraft: (next: BureauView) => void) => (
    <>
      {select(draft, setDraft, 'severity', ids.severity, t('bureau.findings.severity'), FINDING_SEVERITIES, 'bureau.severity')}
      {select(draft, setDraft, 'status', ids.status, t('bureau.findings.status'), FINDING_STATUSES, 'bureau.findingStatus')}
      {select(draft, setDraft, 'rule', ids.rule, t('bureau.findings.rule'), ANOMALY_RULES, 'bureau.rule')}
    </>
  );

  return (
    <>
      <ReachNotice scope={scope} />
      <BureauFilterForm path={PATH} scope={scope} view={view} extra={extra} periodLabels={{ from: t('bureau.findings.from'), to: t('bureau.findings.to') }} />
      {error && !page ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !page ? (
        <Loading />
      ) : page && page.nodes.length === 0 ? (
        filtered ? (
          <EmptyState>{t('bureau.findings.emptyFiltered')}</EmptyState>
        ) : (
          <EmptyState hint={t('bureau.findings.emptyHint')}>{t('bureau.findings.empty', { service: scope.serviceName })}</EmptyState>
        )
      ) : page ? (
        <>
          <FindingsTable findings={page.nodes} complete={!page.pageInfo.hasNextPage} scope={scope} />
          <LoadMore
            loaded={page.nodes.length}
            total={page.totalCount}
            hasNextPage={page.pageInfo.hasNextPage}
            loadMore={() =>
              fetchMore({
                variables: { ...variables, after: page.pageInfo.endCursor },
                updateQuery: (previous, { fetchMoreResult }) => ({ bureauFindings: appendPage(previous.bureauFindings, fetchMoreResult.bureauFindings) }),
              })
            }
          />
        </>
      ) : null}
    </>
  );
}

function FindingsTable({ findings, complete, scope }: { findings: BureauFinding[]; complete: boolean; scope: BureauScope }) {
  const i18n = useI18n();
  const { t, language, codeLabel } = i18n;
  const columns = useMemo<Column<BureauFinding>[]>(
    () => [
      { id: 'detectedAt', className: 'nowrap', header: t('bureau.findings.detectedAt'), sortValue: (f) => f.detectedAt, firstDirection: 'descending', cell: (f) => formatDateTime(f.detectedAt) },
      { id: 'city', header: t('bureau.city'), sortValue: (f) => scope.cityName(f.cityId), cell: (f) => scope.cityName(f.cityId) },
      { id: 'rule', header: t('bureau.findings.rule'), rowHeader: true, sortValue: (f) => findingRuleLabel(i18n, 'bureau.rule', f), cell: (f) => findingRuleLabel(i18n, 'bureau.rule', f) },
      {
        id: 'severity',
        header: t('bureau.findings.severity'),
        sortValue: (f) => SEVERITY_ORDER.indexOf(f.severity),
        firstDirection: 'descending',
        cell: (f) => <Badge tone={SEVERITY_TONES[f.severity] ?? 'neutral'}>{codeLabel('bureau.severity', f.severity)}</Badge>,
      },
      { id: 'status', header: t('bureau.findings.status'), sortValue: (f) => FINDING_STATUSES.indexOf(f.status as never), cell: (f) => <Badge tone={STATUS_TONES[f.status] ?? 'neutral'}>{codeLabel('bureau.findingStatus', f.status)}</Badge> },
      { id: 'window', className: 'nowrap', header: t('bureau.findings.window'), sortValue: (f) => f.windowStart, cell: (f) => `${formatDateTime(f.windowStart)}～${formatDateTime(f.windowEnd)}` },
      { id: 'records', className: 'numeric', header: t('bureau.findings.records'), sortValue: (f) => f.recordCount, firstDirection: 'descending', cell: (f) => formatNumber(f.recordCount, language) },
      { id: 'agency', header: t('bureau.agencyCode'), sortValue: (f) => f.agencyId, cell: (f) => (f.agencyId ? <code>{shortId(f.agencyId)}</code> : t('common.none')) },
      { id: 'summary', header: t('bureau.findings.summary'), cell: (f) => f.summary },
      { id: 'citation', header: t('bureau.findings.citation'), sortValue: (f) => f.citation, cell: (f) => f.citation },
    ],
    [t, language, codeLabel, i18n, scope],
  );
  const sorted = useSortedRows(findings, columns, { columnId: 'detectedAt', direction: 'descending' });
  return (
    <DataTable
      caption={t('bureau.findings.caption', { service: scope.serviceName })}
      columns={columns}
      rows={sorted.rows}
      rowKey={(finding) => finding.id}
      sort={sorted.sort}
      onSort={sorted.sortBy}
      note={complete ? undefined : t('list.sortPartial', { loaded: findings.length })}
    />
  );
}
