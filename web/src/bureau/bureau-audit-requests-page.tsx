import '../queries/queries.css';
import '../access/access.css';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { describedBy, FieldMessage } from '../access/access-fields';
import { errorField } from '../access/access-errors';
import { useI18n } from '../i18n/i18n-context';
import { appendPage } from '../queries/query-errors';
import { navigateTo, useHashParams } from '../shell/hash-path';
import type { PageProps } from '../shell/signed-in-routes';
import { DataTable, useSortedRows, type Column } from '../ui/data-table';
import { formatDate, formatDateTime, todayInTaiwan } from '../ui/format';
import { LoadMore } from '../ui/pager';
import { Badge, EmptyState, Loading, QueryError, type BadgeTone } from '../ui/status';
import { describeBureauError } from './bureau-errors';
import { auditRequestProblems, EMPTY_AUDIT_REQUEST, type AuditRequestField } from './bureau-oversight-filters';
import { bureauViewParams } from './bureau-filters';
import { BureauPage, CitySelect, ReachNotice, type BureauScope, useBureauView } from './bureau-scope';
import { BUREAU_AUDIT_REQUESTS_QUERY, REQUEST_BUREAU_AUDIT_MUTATION, type BureauAuditRequest } from './bureau.operations';
import './bureau.css';

const PAGE_SIZE = 50;
const PATH = '/bureau/audit-requests';
const TASK_TONES: Record<string, BadgeTone> = { OPEN: 'info', OVERDUE: 'danger', DONE: 'ok' };

/**
 * The bureau's audit requests to its cities and how each city's task stands (bureauAuditRequests), and the form to
 * ask a city for an audit (requestBureauAudit), which the API accepts only where the city's rules in force name the
 * bureau among its external auditors (e.g. Changhua 8(四)); its refusal is shown in full.
 */
export function BureauAuditRequestsPage(_props: PageProps) {
  return (
    <BureauPage title="bureau.requests.title" intro="bureau.requests.intro">
      {(scope) => <BureauAuditRequests scope={scope} />}
    </BureauPage>
  );
}

function BureauAuditRequests({ scope }: { scope: BureauScope }) {
  const { t } = useI18n();
  const params = useHashParams();
  const address = params.toString();
  const view = useBureauView(scope, address);
  const filter = useMemo(() => (view.cityId ? { cityIds: [view.cityId] } : {}), [view.cityId]);
  const variables = { first: PAGE_SIZE, filter };
  const { data, loading, error, refetch, fetchMore } = useQuery(BUREAU_AUDIT_REQUESTS_QUERY, { variables, fetchPolicy: 'cache-and-network' });
  const page = data?.bureauAuditRequests;
  const ids = { city: useId(), list: useId() };

  return (
    <>
      <ReachNotice scope={scope} />
      <RequestAuditForm scope={scope} onRequested={() => void refetch()} />
      <section className="section" aria-labelledby={ids.list}>
        <h2 id={ids.list}>{t('bureau.requests.listHeading')}</h2>
        <div className="filters">
          <div className="field field-inline">
            <label htmlFor={ids.city}>{t('bureau.city')}</label>
            <CitySelect id={ids.city} scope={scope} value={view.cityId ?? ''} onChange={(city) => navigateTo(PATH, bureauViewParams({ cityId: city || null }))} />
          </div>
        </div>
        {error && !page ? (
          <QueryError error={error} onRetry={() => refetch()} />
        ) : loading && !page ? (
          <Loading />
        ) : page && page.nodes.length === 0 ? (
          <EmptyState hint={t('bureau.requests.emptyHint')}>{t('bureau.requests.empty')}</EmptyState>
        ) : page ? (
          <>
            <RequestsTable requests={page.nodes} complete={!page.pageInfo.hasNextPage} scope={scope} />
            <LoadMore
              loaded={page.nodes.length}
              total={page.totalCount}
              hasNextPage={page.pageInfo.hasNextPage}
              loadMore={() =>
                fetchMore({
                  variables: { ...variables, after: page.pageInfo.endCursor },
                  updateQuery: (previous, { fetchMoreResult }) => ({ bureauAuditRequests: appendPage(previous.bureauAuditRequests, fetchMoreResult.bureauAuditRequests) }),
                })
              }
            />
          </>
        ) : null}
      </section>
    </>
  );
}

function RequestsTable({ requests, complete, scope }: { requests: BureauAuditRequest[]; complete: boolean; scope: BureauScope }) {
  const { t, codeLabel } = useI18n();
  const columns = useMemo<Column<BureauAuditRequest>[]>(
    () => [
      { id: 'requestedAt', className: 'nowrap', header: t('bureau.requests.requestedAt'), sortValue: (r) => r.requestedAt, firstDirection: 'descending', cell: (r) => formatDateTime(r.requestedAt) },
      { id: 'city', header: t('bureau.city'), rowHeader: true, sortValue: (r) => scope.cityName(r.cityId), cell: (r) => scope.cityName(r.cityId) },
      { id: 'period', className: 'nowrap', header: t('bureau.requests.period'), sortValue: (r) => r.periodStart, cell: (r) => `${r.periodStart}～${r.periodEnd}` },
      { id: 'reason', header: t('bureau.requests.reason'), sortValue: (r) => r.reason, cell: (r) => r.reason },
      { id: 'dueOn', className: 'nowrap', header: t('bureau.requests.dueOn'), sortValue: (r) => r.dueOn, cell: (r) => r.dueOn },
      {
        id: 'task',
        header: t('bureau.requests.task'),
        sortValue: (r) => r.taskState,
        cell: (r) =>
          r.taskState ? (
            <>
              <Badge tone={TASK_TONES[r.taskState] ?? 'neutral'}>{codeLabel('bureau.taskState', r.taskState)}</Badge>
              {r.completedAt ? <span className="muted"> {t('bureau.requests.completedAt', { date: formatDate(r.completedAt) })}</span> : null}
              {r.completionNote ? <span> {r.completionNote}</span> : null}
            </>
          ) : (
            t('common.none')
          ),
      },
    ],
    [t, codeLabel, scope],
  );
  const sorted = useSortedRows(requests, columns, { columnId: 'requestedAt', direction: 'descending' });
  return (
    <DataTable
      caption={t('bureau.requests.caption')}
      columns={columns}
      rows={sorted.rows}
      rowKey={(request) => request.id}
      sort={sorted.sort}
      onSort={sorted.sortBy}
      note={complete ? undefined : t('list.sortPartial', { loaded: requests.length })}
    />
  );
}

function RequestAuditForm({ scope, onRequested }: { scope: BureauScope; onRequested(): void }) {
  const { t, messages } = useI18n();
  const ids = { heading: useId(), city: useId(), start: useId(), end: useId(), reason: useId(), due: useId(), dueHint: useId(), status: useId() };
  const errorIds = { cityId: useId(), periodStart: useId(), periodEnd: useId(), reason: useId(), dueOn: useId() };
  const [form, setForm] = useState(EMPTY_AUDIT_REQUEST);
  const [errors, setErrors] = useState<Partial<Record<AuditRequestField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [request, { loading }] = useMutation(REQUEST_BUREAU_AUDIT_MUTATION);
  const controlIds: Record<AuditRequestField, string> = { cityId: ids.city, periodStart: ids.start, periodEnd: ids.end, reason: ids.reason, dueOn: ids.due };

  function update(field: AuditRequestField, value: string) {
    setForm((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
    setDone(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (loading) return;
    setFormError(null);
    setDone(null);
    const found = auditRequestProblems(form, todayInTaiwan());
    const words: Partial<Record<AuditRequestField, string>> = {};
    for (const [field, problem] of Object.entries(found) as Array<[AuditRequestField, string]>) words[field] = t(`bureau.requests.problem.${problem}` as 'bureau.requests.problem.required');
    setErrors(words);
    const first = (Object.keys(controlIds) as AuditRequestField[]).find((field) => words[field]);
    if (first) {
      document.getElementById(controlIds[first])?.focus();
      return;
    }
    try {
      const { data } = await request({
        variables: { input: { cityId: form.cityId, periodStart: form.periodStart, periodEnd: form.periodEnd, reason: form.reason.trim(), dueOn: form.dueOn || null } },
      });
      if (!data) return;
      setDone(t('bureau.requests.done', { city: scope.cityName(data.requestBureauAudit.cityId), due: data.requestBureauAudit.dueOn }));
      setForm(EMPTY_AUDIT_REQUEST);
      onRequested();
    } catch (caught) {
      // Everything typed stays; a problem the API ties to a field goes beside it, a refusal (the city's rules) above the button.
      const field = errorField(caught);
      if (field && field in controlIds) {
        setErrors({ [field]: describeBureauError(caught, messages) });
        document.getElementById(controlIds[field as AuditRequestField])?.focus();
      } else setFormError(describeBureauError(caught, messages));
    }
  }

  const control = (field: AuditRequestField, extra?: string) => ({
    id: controlIds[field],
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': describedBy(extra, errorIds[field]),
  });

  return (
    <section className="section card" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{t('bureau.requests.formHeading')}</h2>
      <p>{t('bureau.requests.formLead')}</p>
      <form className="access-form" noValidate onSubmit={submit} aria-busy={loading}>
        <div className="field">
          <label htmlFor={ids.city}>{t('bureau.city')}</label>
          <select {...control('cityId')} value={form.cityId} onChange={(event) => update('cityId', event.target.value)}>
            <option value="">{t('bureau.requests.pickCity')}</option>
            {scope.cities.map((city) => (
              <option key={city.id} value={city.id}>
                {city.label}
              </option>
            ))}
          </select>
          <FieldMessage id={errorIds.cityId}>{errors.cityId}</FieldMessage>
        </div>
        <div className="field">
          <label htmlFor={ids.start}>{t('bureau.requests.periodStart')}</label>
          <input {...control('periodStart')} type="date" value={form.periodStart} onChange={(event) => update('periodStart', event.target.value)} />
          <FieldMessage id={errorIds.periodStart}>{errors.periodStart}</FieldMessage>
        </div>
        <div className="field">
          <label htmlFor={ids.end}>{t('bureau.requests.periodEnd')}</label>
          <input {...control('periodEnd')} type="date" value={form.periodEnd} onChange={(event) => update('periodEnd', event.target.value)} />
          <FieldMessage id={errorIds.periodEnd}>{errors.periodEnd}</FieldMessage>
        </div>
        <div className="field">
          <label htmlFor={ids.reason}>{t('bureau.requests.reason')}</label>
          <textarea {...control('reason')} value={form.reason} maxLength={2000} onChange={(event) => update('reason', event.target.value)} />
          <FieldMessage id={errorIds.reason}>{errors.reason}</FieldMessage>
        </div>
        <div className="field">
          <label htmlFor={ids.due}>{t('bureau.requests.dueOn')}</label>
          <input {...control('dueOn', ids.dueHint)} type="date" value={form.dueOn} onChange={(event) => update('dueOn', event.target.value)} />
          <p id={ids.dueHint} className="field-hint">
            {t('bureau.requests.dueHint')}
          </p>
          <FieldMessage id={errorIds.dueOn}>{errors.dueOn}</FieldMessage>
        </div>
        <p className="form-error" role="alert">
          {formError}
        </p>
        <p id={ids.status} className="field-ok" role="status">
          {done}
        </p>
        <button type="submit" className="button button-primary" aria-disabled={loading}>
          {loading ? t('bureau.requests.sending') : t('bureau.requests.send')}
        </button>
      </form>
    </section>
  );
}
