import '../queries/queries.css';
import { useId, useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { useI18n } from '../i18n/i18n-context';
import { useItemNames } from '../queries/item-names';
import { appendPage } from '../queries/query-errors';
import { hashOf, useHashParams } from '../shell/hash-path';
import type { PageProps } from '../shell/signed-in-routes';
import { DataTable, useSortedRows, type Column } from '../ui/data-table';
import { formatDateTime, formatNumber } from '../ui/format';
import { LoadMore } from '../ui/pager';
import { Badge, EmptyState, Loading, QueryError, type BadgeTone } from '../ui/status';
import { BureauFilterForm } from './bureau-filter-form';
import { bureauViewParams, type BureauView } from './bureau-filters';
import { auditFilter, openedAuditParam, readAuditChoices, readOpenedAudit, type OpenedAudit } from './bureau-oversight-filters';
import { BureauPage, ReachNotice, shortId, type BureauScope, useBureauView } from './bureau-scope';
import { AUDIT_STATES, BUREAU_AUDIT_QUERY, BUREAU_AUDITS_QUERY, type AuditState, type BureauAudit, type BureauSampledRecord } from './bureau.operations';
import './bureau.css';

const PAGE_SIZE = 50;
const SAMPLE_PAGE = 100;
const PATH = '/bureau/audits';

export const AUDIT_STATE_TONES: Record<AuditState, BadgeTone> = {
  DRAWN: 'neutral',
  IN_REVIEW: 'info',
  READY_FOR_SIGNOFF: 'info',
  SIGNING: 'warning',
  SIGNED_OFF: 'ok',
};

/** The cities' audits of the bureau's service (bureauAudits), with the city filter; one opens with its sample. */
export function BureauAuditsPage(_props: PageProps) {
  return (
    <BureauPage title="bureau.audits.title" intro="bureau.audits.intro" className="page-wide register-page">
      {(scope) => <BureauAudits scope={scope} />}
    </BureauPage>
  );
}

function BureauAudits({ scope }: { scope: BureauScope }) {
  const { t, codeLabel } = useI18n();
  const params = useHashParams();
  const address = params.toString();
  const view = useBureauView(scope, address, readAuditChoices);
  const opened = useMemo(() => readOpenedAudit(new URLSearchParams(address).get('audit'), scope.reach!.cityIds), [address, scope.reach]);
  const filter = useMemo(() => auditFilter(view), [view]);
  const variables = { first: PAGE_SIZE, filter };
  const { data, loading, error, refetch, fetchMore } = useQuery(BUREAU_AUDITS_QUERY, { variables });
  const page = data?.bureauAudits;
  const ids = { state: useId() };
  const service = scope.serviceName;
  const filtered = Boolean(view.from || view.to || view.choices?.state);

  const extra = (draft: BureauView, setDraft: (next: BureauView) => void) => (
    <div className="field field-inline">
      <label htmlFor={ids.state}>{t('bureau.audits.state')}</label>
      <select id={ids.state} value={draft.choices?.state ?? ''} onChange={(event) => setDraft({ ...draft, choices: event.target.value ? { state: event.target.value } : {} })}>
        <option value="">{t('bureau.anyState')}</option>
        {AUDIT_STATES.map((state) => (
          <option key={state} value={state}>
            {codeLabel('bureau.auditState', state)}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <>
      <ReachNotice scope={scope} />
      {opened ? <OpenedAuditSection opened={opened} scope={scope} view={view} /> : null}
      <BureauFilterForm path={PATH} scope={scope} view={view} extra={extra} periodLabels={{ from: t('bureau.audits.from'), to: t('bureau.audits.to') }} />
      {error && !page ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !page ? (
        <Loading />
      ) : page && page.nodes.length === 0 ? (
        filtered ? <EmptyState>{t('bureau.audits.emptyFiltered')}</EmptyState> : <EmptyState hint={t('bureau.audits.emptyHint')}>{t('bureau.audits.empty', { service })}</EmptyState>
      ) : page ? (
        <>
          <AuditsTable audits={page.nodes} complete={!page.pageInfo.hasNextPage} scope={scope} view={view} />
          <LoadMore
            loaded={page.nodes.length}
            total={page.totalCount}
            hasNextPage={page.pageInfo.hasNextPage}
            loadMore={() =>
              fetchMore({
                variables: { ...variables, after: page.pageInfo.endCursor },
                updateQuery: (previous, { fetchMoreResult }) => ({ bureauAudits: appendPage(previous.bureauAudits, fetchMoreResult.bureauAudits) }),
              })
            }
          />
        </>
      ) : null}
    </>
  );
}

function period(audit: { periodStart: string; periodEnd: string }): string {
  return `${audit.periodStart}～${audit.periodEnd}`;
}

function AuditsTable({ audits, complete, scope, view }: { audits: BureauAudit[]; complete: boolean; scope: BureauScope; view: BureauView }) {
  const { t, language, codeLabel } = useI18n();
  const columns = useMemo<Column<BureauAudit>[]>(
    () => [
      {
        id: 'period',
        header: t('bureau.audits.period'),
        rowHeader: true,
        className: 'nowrap',
        sortValue: (a) => a.periodStart,
        firstDirection: 'descending',
        cell: (a) => (
          <a href={hashOf(PATH, { ...bureauViewParams(view), audit: openedAuditParam(a) })} aria-label={t('bureau.audits.open', { city: scope.cityName(a.cityId), period: period(a) })}>
            {period(a)}
          </a>
        ),
      },
      { id: 'city', header: t('bureau.city'), sortValue: (a) => scope.cityName(a.cityId), cell: (a) => scope.cityName(a.cityId) },
      { id: 'state', header: t('bureau.audits.state'), sortValue: (a) => AUDIT_STATES.indexOf(a.state), cell: (a) => <Badge tone={AUDIT_STATE_TONES[a.state]}>{codeLabel('bureau.auditState', a.state)}</Badge> },
      { id: 'agency', header: t('bureau.agencyCode'), sortValue: (a) => a.agencyId, cell: (a) => (a.agencyId ? <code>{shortId(a.agencyId)}</code> : t('bureau.audits.allAgencies')) },
      { id: 'population', className: 'numeric', header: t('bureau.audits.population'), sortValue: (a) => a.populationCount, firstDirection: 'descending', cell: (a) => formatNumber(a.populationCount, language) },
      { id: 'sample', className: 'numeric', header: t('bureau.audits.sampleSize'), sortValue: (a) => a.sampleSize, firstDirection: 'descending', cell: (a) => formatNumber(a.sampleSize, language) },
      {
        id: 'judged',
        className: 'numeric',
        header: t('bureau.audits.judged'),
        sortValue: (a) => a.judgedRecords,
        cell: (a) => t('bureau.audits.judgedOf', { judged: formatNumber(a.judgedRecords, language), total: formatNumber(a.sampleSize, language) }),
      },
      { id: 'drawnAt', className: 'nowrap', header: t('bureau.audits.drawnAt'), sortValue: (a) => a.drawnAt, firstDirection: 'descending', cell: (a) => formatDateTime(a.drawnAt) },
    ],
    [t, language, codeLabel, scope, view],
  );
  const sorted = useSortedRows(audits, columns, { columnId: 'period', direction: 'descending' });
  return (
    <DataTable
      caption={t('bureau.audits.caption', { service: scope.serviceName })}
      columns={columns}
      rows={sorted.rows}
      rowKey={(audit) => audit.id}
      sort={sorted.sort}
      onSort={sorted.sortBy}
      note={complete ? undefined : t('list.sortPartial', { loaded: audits.length })}
    />
  );
}

/**
 * The audit named in the address, looked up by its city and id (bureauAudit) whatever the list's filter or page, with
 * its sample a page at a time (each lookup and page is a logged read of the city).
 */
function OpenedAuditSection({ opened, scope, view }: { opened: OpenedAudit; scope: BureauScope; view: BureauView }) {
  const { t, language, codeLabel } = useI18n();
  const headingId = useId();
  const { itemName } = useItemNames();
  const variables = { cityId: opened.cityId, id: opened.id, sampleSize: SAMPLE_PAGE, afterPosition: null as number | null };
  const { data, loading, error, refetch, fetchMore } = useQuery(BUREAU_AUDIT_QUERY, { variables });
  const audit = data?.bureauAudit ?? null;
  const closeHref = hashOf(PATH, bureauViewParams(view));
  const lastPosition = audit?.sample.at(-1)?.position ?? null;
  // The sample has more when the last page came back full and the sample size says so.
  const moreSample = audit ? audit.sample.length < audit.sampleSize && audit.sample.length % SAMPLE_PAGE === 0 && audit.sample.length > 0 : false;

  const sampleColumns = useMemo<Column<BureauSampledRecord>[]>(
    () => [
      { id: 'position', className: 'numeric', header: t('bureau.audits.position'), rowHeader: true, sortValue: (r) => r.position, cell: (r) => r.position },
      { id: 'queriedAt', className: 'nowrap', header: t('column.queriedAt'), sortValue: (r) => r.queriedAt, cell: (r) => formatDateTime(r.queriedAt) },
      { id: 'item', header: t('column.item'), sortValue: (r) => itemName(r.itemKey), cell: (r) => itemName(r.itemKey) },
      { id: 'agency', header: t('bureau.agencyCode'), sortValue: (r) => r.agencyId, cell: (r) => <code>{shortId(r.agencyId)}</code> },
      { id: 'unit', header: t('bureau.unitCode'), sortValue: (r) => r.unitId, cell: (r) => (r.unitId ? <code>{shortId(r.unitId)}</code> : t('bureau.noUnit')) },
      {
        id: 'nonconforming',
        className: 'numeric',
        header: t('bureau.audits.nonconforming'),
        sortValue: (r) => r.nonconforming,
        firstDirection: 'descending',
        cell: (r) => (r.nonconforming > 0 ? <Badge tone="danger">{formatNumber(r.nonconforming, language)}</Badge> : t('bureau.audits.conforming')),
      },
    ],
    [t, language, itemName],
  );
  const sorted = useSortedRows(audit?.sample ?? [], sampleColumns, { columnId: 'position', direction: 'ascending' });

  return (
    <section className="section card bureau-audit-detail" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {audit ? t('bureau.audits.detailHeading', { city: scope.cityName(opened.cityId), period: period(audit) }) : t('bureau.audits.detailHeadingCity', { city: scope.cityName(opened.cityId) })}
      </h2>
      <p>
        <a href={closeHref}>{t('bureau.audits.close')}</a>
      </p>
      {error && !data ? (
        <QueryError error={error} onRetry={() => refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : !audit ? (
        <EmptyState>{t('bureau.audits.notFound')}</EmptyState>
      ) : (
        <>
          <dl className="facts">
            <div>
              <dt>{t('bureau.audits.state')}</dt>
              <dd>
                <Badge tone={AUDIT_STATE_TONES[audit.state]}>{codeLabel('bureau.auditState', audit.state)}</Badge>
              </dd>
            </div>
            <div>
              <dt>{t('bureau.audits.method')}</dt>
              <dd>
                {codeLabel('audit.method', audit.method)}（{audit.samplingCitation}）
              </dd>
            </div>
            <div>
              <dt>{t('bureau.audits.population')}</dt>
              <dd>{formatNumber(audit.populationCount, language)}</dd>
            </div>
            <div>
              <dt>{t('bureau.audits.progress')}</dt>
              <dd>
                {t('bureau.audits.progressText', {
                  judged: formatNumber(audit.judgedRecords, language),
                  total: formatNumber(audit.sampleSize, language),
                  checklist: formatNumber(audit.checklistAnswered, language),
                  signatures: formatNumber(audit.signatures, language),
                })}
              </dd>
            </div>
            <div>
              <dt>{t('bureau.audits.ruleVersion')}</dt>
              <dd>
                <code>{audit.ruleVersionId}</code>
              </dd>
            </div>
            {audit.recommendations ? (
              <div>
                <dt>{t('bureau.audits.recommendations')}</dt>
                <dd>{audit.recommendations}</dd>
              </div>
            ) : null}
          </dl>
          {audit.sample.length === 0 ? (
            <EmptyState>{t('bureau.audits.sampleEmpty')}</EmptyState>
          ) : (
            <>
              <DataTable
                caption={t('bureau.audits.sampleCaption', { count: formatNumber(audit.sampleSize, language) })}
                columns={sampleColumns}
                rows={sorted.rows}
                rowKey={(record) => String(record.position)}
                sort={sorted.sort}
                onSort={sorted.sortBy}
              />
              <LoadMore
                loaded={audit.sample.length}
                total={audit.sampleSize}
                hasNextPage={moreSample}
                loadMore={() =>
                  fetchMore({
                    variables: { ...variables, afterPosition: lastPosition },
                    updateQuery: (previous, { fetchMoreResult }) =>
                      previous.bureauAudit && fetchMoreResult.bureauAudit
                        ? { bureauAudit: { ...previous.bureauAudit, sample: [...previous.bureauAudit.sample, ...fetchMoreResult.bureauAudit.sample] } }
                        : previous,
                  })
                }
              />
            </>
          )}
        </>
      )}
    </section>
  );
}
