import { useId, useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/dictionaries';
import { hashOf, navigateTo, useHashParams } from '../shell/hash-path';
import type { PageProps } from '../shell/signed-in-routes';
import { DataTable, useSortedRows, type Column } from '../ui/data-table';
import { FormError } from '../ui/form-error';
import { formatDateTime, todayInTaiwan } from '../ui/format';
import { Page } from '../ui/page';
import { Pager, usePagedRows } from '../ui/pager';
import { Badge, EmptyState, Loading, QueryError } from '../ui/status';
import { AUDIT_STATE_TONES } from './audit-labels';
import { existingAuditId, validatePeriod, type FieldProblems } from './audit-forms';
import { AuditWorkbench } from './audit-workbench';
import { AUDITS_QUERY, DRAW_AUDIT_MUTATION, SAMPLE_STRATA, type AuditSummary, type SampleStratum } from './audit.operations';
import './audit.css';

const PAGE_SIZE = 20;


/**
 * The audit workbench: the city's audits, drawing a new one for a period by the city's rule, and — once one is
 * chosen — its sample, checklist, sign-off and export.
 */
export function AuditsPage({ account }: PageProps) {
  const { t } = useI18n();
  // The open audit is in the address (`#/audits?id=…`): it can be linked, survives a reload, and back returns to the list.
  const openId = useHashParams().get('id');
  // The list is read afresh each time it shows, so an audit signed in the workbench shows its new state.
  const { data, loading, error, refetch } = useQuery(AUDITS_QUERY, { fetchPolicy: 'cache-and-network' });
  const audits = data?.audits ?? [];
  const open = (id: string) => navigateTo('/audits', { id });

  if (openId) {
    return (
      <Page key={openId} title={t('audit.workbench.title')} className="page-wide">
        <p>
          <a className="button" href={hashOf('/audits')}>
            {t('audit.workbench.back')}
          </a>
        </p>
        <AuditWorkbench auditId={openId} account={account} />
      </Page>
    );
  }

  return (
    <Page title={t('audit.title')} lead={t('audit.intro')} className="page-wide">
      <DrawAuditForm onDrawn={open} />
      <section className="section" aria-labelledby="audit-list-heading">
        <h2 id="audit-list-heading">{t('audit.list.title')}</h2>
        {error && !data ? (
          <QueryError error={error} onRetry={() => refetch()} />
        ) : loading && !data ? (
          <Loading />
        ) : audits.length === 0 ? (
          <EmptyState hint={t('audit.list.emptyHint')}>{t('audit.list.empty')}</EmptyState>
        ) : (
          <AuditsTable audits={audits} onOpen={open} />
        )}
      </section>
    </Page>
  );
}

function AuditsTable({ audits, onOpen }: { audits: AuditSummary[]; onOpen(id: string): void }) {
  const { t, codeLabel } = useI18n();
  const columns = useMemo<Column<AuditSummary>[]>(
    () => [
      {
        id: 'period',
        header: t('audit.column.period'),
        rowHeader: true,
        className: 'nowrap',
        sortValue: (audit) => audit.periodStart,
        firstDirection: 'descending',
        cell: (audit) => t('audit.period', { start: audit.periodStart, end: audit.periodEnd }),
      },
      { id: 'method', header: t('audit.column.method'), sortValue: (audit) => audit.method, cell: (audit) => codeLabel('audit.method', audit.method) },
      { id: 'population', header: t('audit.column.population'), className: 'numeric', sortValue: (audit) => audit.populationCount, cell: (audit) => audit.populationCount },
      { id: 'sample', header: t('audit.column.sampleSize'), className: 'numeric', sortValue: (audit) => audit.sampleSize, cell: (audit) => audit.sampleSize },
      {
        id: 'progress',
        header: t('audit.column.progress'),
        sortValue: (audit) => (audit.progress.sampleSize === 0 ? 1 : audit.progress.judgedRecords / audit.progress.sampleSize),
        cell: (audit) => t('audit.progressShort', { judged: audit.progress.judgedRecords, size: audit.progress.sampleSize }),
      },
      {
        id: 'state',
        header: t('column.state'),
        sortValue: (audit) => audit.state,
        cell: (audit) => <Badge tone={AUDIT_STATE_TONES[audit.state]}>{codeLabel('audit.state', audit.state)}</Badge>,
      },
      { id: 'drawnAt', header: t('audit.column.drawnAt'), className: 'nowrap', sortValue: (audit) => audit.drawnAt, firstDirection: 'descending', cell: (audit) => formatDateTime(audit.drawnAt) },
      {
        id: 'open',
        header: t('audit.column.actions'),
        cell: (audit) => (
          <button type="button" className="button" onClick={() => onOpen(audit.id)}>
            {t('audit.list.open', { period: t('audit.period', { start: audit.periodStart, end: audit.periodEnd }) })}
          </button>
        ),
      },
    ],
    [t, codeLabel, onOpen],
  );
  const sorted = useSortedRows(audits, columns, { columnId: 'period', direction: 'descending' });
  const paged = usePagedRows(sorted.rows, PAGE_SIZE);
  return (
    <>
      <DataTable caption={t('audit.list.caption')} columns={columns} rows={paged.rows} rowKey={(audit) => audit.id} sort={sorted.sort} onSort={sorted.sortBy} />
      <Pager range={paged.range} listName={t('audit.list.caption')} onPage={paged.setPage} />
    </>
  );
}

function DrawAuditForm({ onDrawn }: { onDrawn(id: string): void }) {
  const { t, codeLabel } = useI18n();
  const ids = { start: useId(), end: useId(), startError: useId(), endError: useId(), formError: useId(), heading: useId() };
  const [periodStart, setPeriodStart] = useState('');
  const [periodEnd, setPeriodEnd] = useState('');
  const [strata, setStrata] = useState<SampleStratum[]>([]);
  const [problems, setProblems] = useState<FieldProblems<'periodStart' | 'periodEnd'>>({});
  const [draw, { loading, error, reset }] = useMutation(DRAW_AUDIT_MUTATION, { refetchQueries: [AUDITS_QUERY] });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (loading) return;
    const found = validatePeriod({ periodStart, periodEnd }, todayInTaiwan());
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    reset();
    try {
      const result = await draw({ variables: { input: { periodStart, periodEnd, stratifyBy: strata } } });
      if (result.data) onDrawn(result.data.drawAuditSample.id);
    } catch {
      // Shown by <FormError>; the input stays as typed.
    }
  }

  const fieldError = (field: 'periodStart' | 'periodEnd', id: string) =>
    problems[field] ? (
      <p id={id} className="field-error">
        {t(problems[field] as MessageKey)}
      </p>
    ) : null;

  return (
    <section className="card audit-draw" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{t('audit.draw.title')}</h2>
      <p className="section-meta">{t('audit.draw.intro')}</p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <div className="form-row">
          <div className="field">
            <label htmlFor={ids.start}>{t('audit.draw.periodStart')}</label>
            <input
              id={ids.start}
              type="date"
              value={periodStart}
              aria-invalid={problems.periodStart ? true : undefined}
              aria-describedby={problems.periodStart ? ids.startError : undefined}
              onChange={(event) => setPeriodStart(event.target.value)}
            />
            {fieldError('periodStart', ids.startError)}
          </div>
          <div className="field">
            <label htmlFor={ids.end}>{t('audit.draw.periodEnd')}</label>
            <input
              id={ids.end}
              type="date"
              value={periodEnd}
              aria-invalid={problems.periodEnd ? true : undefined}
              aria-describedby={problems.periodEnd ? ids.endError : undefined}
              onChange={(event) => setPeriodEnd(event.target.value)}
            />
            {fieldError('periodEnd', ids.endError)}
          </div>
          <fieldset className="field audit-strata">
            <legend>{t('audit.draw.stratify')}</legend>
            {SAMPLE_STRATA.map((stratum) => (
              <label key={stratum} className="inline-choice">
                <input
                  type="checkbox"
                  checked={strata.includes(stratum)}
                  onChange={(event) => setStrata((current) => (event.target.checked ? [...current, stratum] : current.filter((s) => s !== stratum)))}
                />{' '}
                {codeLabel('audit.stratum', stratum)}
              </label>
            ))}
          </fieldset>
        </div>
        <button type="submit" className="button button-strong" aria-disabled={loading}>
          {loading ? t('audit.draw.drawing') : t('audit.draw.submit')}
        </button>
        <FormError id={ids.formError} error={error} />
        {existingAuditId(error) ? (
          <button type="button" className="button" onClick={() => onDrawn(existingAuditId(error)!)}>
            {t('audit.draw.openExisting')}
          </button>
        ) : null}
      </form>
    </section>
  );
}
