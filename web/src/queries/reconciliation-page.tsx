import './queries.css';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useI18n } from '../i18n/i18n-context';
import { localizedName } from '../i18n/localized-name';
import type { PageProps } from '../shell/signed-in-routes';
import { DataTable, useSortedRows, type Column } from '../ui/data-table';
import { FormError } from '../ui/form-error';
import { formatDateTime, formatNumber, todayInTaiwan } from '../ui/format';
import { Page } from '../ui/page';
import { LoadMore } from '../ui/pager';
import { EmptyState, Loading, QueryError } from '../ui/status';
import {
  MY_UNIT_QUERY,
  RECONCILE_MONTH_MUTATION,
  RECONCILIATION_ITEMS_QUERY,
  RECONCILIATION_RUNS_QUERY,
  SIGN_OFF_RECONCILIATION_MUTATION,
  type ReconciliationItem,
  type ReconciliationItemKind,
  type ReconciliationRun,
} from './queries.operations';

/** Who runs a reconciliation (the service's rule): unit, agency and top admins. Auditors only read. */
export const RECONCILE_ROLES = ['UNIT_ADMIN', 'AGENCY_ADMIN', 'TOP_ADMIN'];
const ITEMS_PAGE_SIZE = 50;
const KINDS: ReconciliationItemKind[] = ['BUREAU_ONLY', 'REGISTER_ONLY', 'MATCHED'];

/** The month before today's, in Taiwan: the one due for reconciliation by the 10th. */
export function previousMonth(today: string = todayInTaiwan()): string {
  const [year, month] = today.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

export function isMonth(value: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** A month of the agency's register against the bureau's records: counts, per unit and official, and the three lists. */
export function ReconciliationPage({ account }: PageProps) {
  const { t } = useI18n();
  const [monthInput, setMonthInput] = useState(previousMonth());
  const [month, setMonth] = useState(previousMonth());
  const [monthError, setMonthError] = useState<string | null>(null);
  const runs = useQuery(RECONCILIATION_RUNS_QUERY, { variables: { month, first: 1 } });
  const [reconcile, reconciling] = useMutation(RECONCILE_MONTH_MUTATION);
  const [runError, setRunError] = useState<unknown>(null);
  const ids = { month: useId(), monthError: useId(), runError: useId() };
  const run = runs.data?.reconciliationRuns[0] ?? null;
  const mayRun = account.roles.some((role) => RECONCILE_ROLES.includes(role));

  function show(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!isMonth(monthInput)) {
      setMonthError(t('queries.reconciliation.monthInvalid'));
      return;
    }
    setMonthError(null);
    setMonth(monthInput);
  }

  async function runReconciliation() {
    if (reconciling.loading) return;
    setRunError(null);
    try {
      await reconcile({ variables: { month } });
      await runs.refetch();
    } catch (caught) {
      setRunError(caught);
    }
  }

  return (
    <Page title={t('queries.reconciliation.title')} lead={t('queries.reconciliation.intro')} className="queries-page">
      <form className="filters" onSubmit={show} noValidate>
        <div className="field field-inline">
          <label htmlFor={ids.month}>{t('queries.reconciliation.month')}</label>
          <input
            id={ids.month}
            type="month"
            value={monthInput}
            aria-invalid={monthError ? true : undefined}
            aria-describedby={monthError ? ids.monthError : undefined}
            onChange={(event) => setMonthInput(event.target.value)}
          />
          <p id={ids.monthError} className="field-error" aria-live="polite">
            {monthError}
          </p>
        </div>
        <button type="submit" className="button">
          {t('queries.reconciliation.show')}
        </button>
        {mayRun ? (
          <button type="button" className="button button-primary-inline" aria-disabled={reconciling.loading} onClick={() => void runReconciliation()}>
            {reconciling.loading ? t('queries.reconciliation.running') : run ? t('queries.reconciliation.rerun') : t('queries.reconciliation.run')}
          </button>
        ) : null}
      </form>
      <FormError id={ids.runError} error={runError} />

      {runs.error && !runs.data ? (
        <QueryError error={runs.error} onRetry={() => runs.refetch()} />
      ) : runs.loading && !runs.data ? (
        <Loading />
      ) : !run ? (
        <EmptyState hint={t('queries.reconciliation.noneHint')}>{t('queries.reconciliation.none', { month })}</EmptyState>
      ) : (
        <RunResult key={run.id} run={run} roles={account.roles} onSigned={() => void runs.refetch()} />
      )}
    </Page>
  );
}

function RunResult({ run, roles, onSigned }: { run: ReconciliationRun; roles: string[]; onSigned(): void }) {
  const { t, language } = useI18n();
  const headingId = useId();
  const [kind, setKind] = useState<ReconciliationItemKind>(run.bureauOnlyCount > 0 ? 'BUREAU_ONLY' : run.registerOnlyCount > 0 ? 'REGISTER_ONLY' : 'MATCHED');
  const counts: Record<ReconciliationItemKind, number> = { MATCHED: run.matchedCount, BUREAU_ONLY: run.bureauOnlyCount, REGISTER_ONLY: run.registerOnlyCount };
  return (
    <section className="reconciliation-result" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('queries.reconciliation.result', { month: run.month })}</h2>
      <p className="field-hint">
        {t('queries.reconciliation.ranBy', { name: run.createdBy?.person.displayName ?? t('common.none'), date: formatDateTime(run.createdAt) })}
      </p>
      <dl className="reconciliation-totals">
        <div>
          <dt>{t('queries.column.register')}</dt>
          <dd>{formatNumber(run.registerCount, language)}</dd>
        </div>
        <div>
          <dt>{t('queries.column.bureau')}</dt>
          <dd>{formatNumber(run.bureauCount, language)}</dd>
        </div>
        <div>
          <dt>{t('queries.column.matched')}</dt>
          <dd>{formatNumber(run.matchedCount, language)}</dd>
        </div>
        <div className={run.bureauOnlyCount ? 'total-warning' : undefined}>
          <dt>{t('queries.column.bureauOnly')}</dt>
          <dd>{formatNumber(run.bureauOnlyCount, language)}</dd>
        </div>
        <div className={run.registerOnlyCount ? 'total-warning' : undefined}>
          <dt>{t('queries.column.registerOnly')}</dt>
          <dd>{formatNumber(run.registerOnlyCount, language)}</dd>
        </div>
      </dl>

      <GroupsTable run={run} />

      <h3>{t('queries.reconciliation.list')}</h3>
      <div className="segmented" role="group" aria-label={t('queries.reconciliation.list')}>
        {KINDS.map((candidate) => (
          <button key={candidate} type="button" className="button" aria-pressed={kind === candidate} onClick={() => setKind(candidate)}>
            {t(`queries.reconciliation.kind.${candidate}`)} ({formatNumber(counts[candidate], language)})
          </button>
        ))}
      </div>
      <p className="field-hint">{t(`queries.reconciliation.explain.${kind}`)}</p>
      <ItemsList key={kind} run={run} kind={kind} />

      <SignOffs run={run} roles={roles} onSigned={onSigned} />
    </section>
  );
}

type Group = ReconciliationRun['groups'][number];

function GroupsTable({ run }: { run: ReconciliationRun }) {
  const { t, language } = useI18n();
  const me = useQuery(MY_UNIT_QUERY);
  const unitName = (unitId: string | null) => {
    if (!unitId) return t('queries.reconciliation.noUnit');
    const unit = me.data?.me?.agency.units.find((candidate) => candidate.id === unitId);
    return unit ? localizedName(unit, language) : unitId;
  };
  const who = (group: Group) =>
    group.account
      ? `${group.account.person.displayName} (${group.account.username})`
      : group.userAccount
        ? t('queries.reconciliation.unknownUser', { name: group.userAccount })
        : t('common.none');
  const columns = useMemo<Column<Group>[]>(
    () => [
      { id: 'user', header: t('queries.column.user'), rowHeader: true, sortValue: who, cell: who },
      { id: 'unit', header: t('queries.column.unit'), sortValue: (group) => unitName(group.unitId), cell: (group) => unitName(group.unitId) },
      { id: 'register', header: t('queries.column.register'), sortValue: (group) => group.registerCount, firstDirection: 'descending', cell: (group) => formatNumber(group.registerCount, language) },
      { id: 'bureau', header: t('queries.column.bureau'), sortValue: (group) => group.bureauCount, firstDirection: 'descending', cell: (group) => formatNumber(group.bureauCount, language) },
      { id: 'matched', header: t('queries.column.matched'), sortValue: (group) => group.matchedCount, firstDirection: 'descending', cell: (group) => formatNumber(group.matchedCount, language) },
      { id: 'bureauOnly', header: t('queries.column.bureauOnly'), sortValue: (group) => group.bureauOnlyCount, firstDirection: 'descending', cell: (group) => formatNumber(group.bureauOnlyCount, language) },
      { id: 'registerOnly', header: t('queries.column.registerOnly'), sortValue: (group) => group.registerOnlyCount, firstDirection: 'descending', cell: (group) => formatNumber(group.registerOnlyCount, language) },
    ],
    [t, language, me.data],
  );
  const sorted = useSortedRows(run.groups, columns, { columnId: 'bureauOnly', direction: 'descending' });
  return (
    <DataTable
      caption={t('queries.reconciliation.groupsCaption', { month: run.month })}
      columns={columns}
      rows={sorted.rows}
      rowKey={(group) => `${group.unitId ?? '-'}:${group.account?.id ?? group.userAccount ?? '-'}`}
      sort={sorted.sort}
      onSort={sorted.sortBy}
      rowClassName={(group) => (group.bureauOnlyCount || group.registerOnlyCount ? 'row-warning' : undefined)}
    />
  );
}

function ItemsList({ run, kind }: { run: ReconciliationRun; kind: ReconciliationItemKind }) {
  const { t, language } = useI18n();
  const { data, loading, error, refetch, fetchMore } = useQuery(RECONCILIATION_ITEMS_QUERY, { variables: { runId: run.id, kind, first: ITEMS_PAGE_SIZE } });
  const items = data?.reconciliationRun?.items;
  const total = kind === 'MATCHED' ? run.matchedCount : kind === 'BUREAU_ONLY' ? run.bureauOnlyCount : run.registerOnlyCount;
  const who = (item: ReconciliationItem) =>
    item.account ? `${item.account.person.displayName} (${item.account.username})` : item.userAccount ? t('queries.reconciliation.unknownUser', { name: item.userAccount }) : t('common.none');
  const columns = useMemo<Column<ReconciliationItem>[]>(
    () => [
      { id: 'queriedAt', className: 'nowrap', header: t('column.queriedAt'), sortValue: (item) => item.queriedAt, cell: (item) => formatDateTime(item.queriedAt) },
      { id: 'user', header: t('queries.column.user'), sortValue: who, cell: who },
      { id: 'service', header: t('column.service'), cell: (item) => t(`service.${item.service}` as 'service.labor-insurance') },
      { id: 'item', header: t('column.code'), sortValue: (item) => item.itemCode, cell: (item) => item.itemCode },
      { id: 'subject', header: t('column.subject'), rowHeader: true, cell: (item) => <code>{item.subjectMasked}</code> },
      { id: 'bureauRecord', header: t('queries.column.bureauRecord'), cell: (item) => item.bureauRecordId ?? t('common.none') },
      {
        id: 'bureauQueriedAt',
        className: 'nowrap',
        header: t('queries.column.bureauQueriedAt'),
        cell: (item) => (item.bureauQueriedAt ? formatDateTime(item.bureauQueriedAt) : t('common.none')),
      },
    ],
    [t, language],
  );
  const sorted = useSortedRows(items?.nodes ?? [], columns, { columnId: 'queriedAt', direction: 'ascending' });
  if (error && !items) return <QueryError error={error} onRetry={() => refetch()} />;
  if (loading && !items) return <Loading />;
  if (!items || items.nodes.length === 0) return <EmptyState>{t('queries.reconciliation.itemsEmpty')}</EmptyState>;
  return (
    <>
      <DataTable
        caption={t('queries.reconciliation.itemsCaption', { month: run.month, kind: t(`queries.reconciliation.kind.${kind}`) })}
        columns={columns}
        rows={sorted.rows}
        rowKey={(item) => `${item.registerRecordId ?? ''}:${item.bureauRecordId ?? ''}:${item.queriedAt}`}
        sort={sorted.sort}
        onSort={sorted.sortBy}
        note={items.pageInfo.hasNextPage ? t('list.sortPartial', { loaded: items.nodes.length }) : undefined}
      />
      <LoadMore
        loaded={items.nodes.length}
        total={total}
        hasNextPage={items.pageInfo.hasNextPage}
        loadMore={() =>
          fetchMore({
            variables: { runId: run.id, kind, first: ITEMS_PAGE_SIZE, after: items.pageInfo.endCursor },
            updateQuery: (previous, { fetchMoreResult }) => {
              if (!previous.reconciliationRun || !fetchMoreResult.reconciliationRun) return fetchMoreResult;
              return {
                reconciliationRun: {
                  ...fetchMoreResult.reconciliationRun,
                  items: {
                    ...fetchMoreResult.reconciliationRun.items,
                    nodes: [...previous.reconciliationRun.items.nodes, ...fetchMoreResult.reconciliationRun.items.nodes],
                  },
                },
              };
            },
          })
        }
      />
    </>
  );
}

/** The unit admin signs off their unit's result; the agency admin the records of no unit. Differences need a note. */
function SignOffs({ run, roles, onSigned }: { run: ReconciliationRun; roles: string[]; onSigned(): void }) {
  const { t } = useI18n();
  const me = useQuery(MY_UNIT_QUERY);
  const [signOff, signing] = useMutation(SIGN_OFF_RECONCILIATION_MUTATION);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const ids = { heading: useId(), note: useId(), noteError: useId(), error: useId() };
  const unitId = roles.includes('UNIT_ADMIN') ? (me.data?.me?.unitId ?? null) : null;
  const mayUnit = roles.includes('UNIT_ADMIN') && unitId !== null;
  const mayAgency = roles.includes('AGENCY_ADMIN');
  const signedAlready = run.signOffs.some((signOffRow) => signOffRow.unitId === (mayUnit ? unitId : null));
  const unitGroups = run.groups.filter((group) => group.unitId === (mayUnit ? unitId : null));
  const differences = unitGroups.some((group) => group.bureauOnlyCount > 0 || group.registerOnlyCount > 0);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (signing.loading) return;
    setError(null);
    if (differences && !note.trim()) {
      setNoteError(t('queries.reconciliation.noteRequired'));
      document.getElementById(ids.note)?.focus();
      return;
    }
    setNoteError(null);
    try {
      await signOff({ variables: { runId: run.id, unitId: mayUnit ? unitId : null, note: note.trim() || null } });
      setDone(true);
      onSigned();
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <section aria-labelledby={ids.heading} className="sign-offs">
      <h3 id={ids.heading}>{t('queries.reconciliation.signOffs')}</h3>
      {run.signOffs.length === 0 ? (
        <p>{t('queries.reconciliation.notSigned')}</p>
      ) : (
        <ul>
          {run.signOffs.map((row) => (
            <li key={row.id}>
              {t('queries.reconciliation.signedBy', { name: row.signedBy?.person.displayName ?? t('common.none'), date: formatDateTime(row.signedAt) })}
              {row.note ? <span className="decision-note">{t('queries.decision.note', { note: row.note })}</span> : null}
            </li>
          ))}
        </ul>
      )}
      {(mayUnit || mayAgency) && !signedAlready ? (
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={ids.note}>{t('queries.reconciliation.signOffNote')}</label>
            <textarea
              id={ids.note}
              rows={2}
              maxLength={1000}
              value={note}
              aria-invalid={noteError ? true : undefined}
              aria-describedby={noteError ? ids.noteError : undefined}
              onChange={(event) => {
                setNote(event.target.value);
                setNoteError(null);
              }}
            />
            <p id={ids.noteError} className="field-error" aria-live="polite">
              {noteError}
            </p>
          </div>
          <FormError id={ids.error} error={error} />
          <button type="submit" className="button" aria-disabled={signing.loading}>
            {signing.loading ? t('queries.reconciliation.signing') : t('queries.reconciliation.signOff')}
          </button>
        </form>
      ) : null}
      <p className="field-ok" role="status">
        {done ? t('queries.reconciliation.signed') : null}
      </p>
    </section>
  );
}
