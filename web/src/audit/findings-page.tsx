import { useId, useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { countByMonthAndCategory } from '../charts/chart-data';
import { LazyBarChart } from '../charts/lazy-bar-chart';
import type { MessageKey } from '../i18n/dictionaries';
import { useI18n } from '../i18n/i18n-context';
import type { Account } from '../shell/account.operations';
import { hashOf, navigateTo, useHashParams } from '../shell/hash-path';
import type { PageProps } from '../shell/signed-in-routes';
import { DataTable, useSortedRows, type Column } from '../ui/data-table';
import { FormError } from '../ui/form-error';
import { formatDateTime, taiwanMonth, todayInTaiwan } from '../ui/format';
import { Page } from '../ui/page';
import { Pager, usePagedRows } from '../ui/pager';
import { Badge, EmptyState, Loading, QueryError } from '../ui/status';
import { validatePeriod, type FieldProblems } from './audit-forms';
import { FINDING_STATUS_TONES, findingRuleLabel, findingSummary, SEVERITY_COLORS, SEVERITY_TONES } from './audit-labels';
import {
  ADD_NOTE_MUTATION,
  ANOMALY_RULES,
  CLOSE_INVESTIGATION_MUTATION,
  FINDING_SEVERITIES,
  FINDING_STATUSES,
  FINDINGS_QUERY,
  FINDING_EVIDENCE_QUERY,
  FINDING_QUERY,
  INVESTIGATION_OUTCOMES,
  evidenceOf,
  INVESTIGATION_QUERY,
  OPEN_INVESTIGATION_MUTATION,
  SCAN_MUTATION,
  type AnomalyRule,
  type Finding,
  type FindingSeverity,
  type FindingStatus,
  type Investigation,
  type InvestigationOutcome,
} from './audit.operations';
import './audit.css';

const PAGE_SIZE = 20;

function oneOf<T extends string>(options: readonly T[], value: string): T | null {
  return (options as readonly string[]).includes(value) ? (value as T) : null;
}

/** Anomaly findings with their filters, a scan of a period, and the investigation of the finding chosen. */
export function FindingsPage({ account }: PageProps) {
  const { t, codeLabel } = useI18n();
  const ids = { rule: useId(), status: useId(), severity: useId() };
  const [rule, setRule] = useState<AnomalyRule | null>(null);
  const [status, setStatus] = useState<FindingStatus | null>(null);
  const [severity, setSeverity] = useState<FindingSeverity | null>(null);
  // The open finding is in the address (`#/findings?id=…`): it can be linked (from the home page), survives a reload,
  // and back returns to the list.
  const openId = useHashParams().get('id');
  const { data, loading, error, refetch } = useQuery(FINDINGS_QUERY, { variables: { rule, status } });
  const findings = useMemo(() => (data?.findings ?? []).filter((finding) => !severity || finding.severity === severity), [data, severity]);

  if (openId) {
    return (
      <Page key={openId} title={t('audit.finding.detail.title')} className="page-wide">
        <p>
          <a className="button" href={hashOf('/findings')}>
            {t('audit.finding.detail.back')}
          </a>
        </p>
        <OpenFinding id={openId} account={account} onChanged={() => refetch().then(() => undefined)} />
      </Page>
    );
  }

  return (
    <Page title={t('audit.finding.title')} lead={t('audit.finding.intro')} className="page-wide">
      <ScanForm onScanned={() => refetch().then(() => undefined)} />
      <section className="section" aria-labelledby="findings-heading">
        <h2 id="findings-heading">{t('audit.finding.list.title')}</h2>
        <div className="filters">
          <div className="field field-inline">
            <label htmlFor={ids.rule}>{t('audit.finding.column.rule')}</label>
            <select id={ids.rule} value={rule ?? ''} onChange={(event) => setRule(oneOf(ANOMALY_RULES, event.target.value))}>
              <option value="">{t('audit.finding.filter.all')}</option>
              {ANOMALY_RULES.map((option) => (
                <option key={option} value={option}>
                  {codeLabel('audit.finding.rule', option)}
                </option>
              ))}
            </select>
          </div>
          <div className="field field-inline">
            <label htmlFor={ids.severity}>{t('audit.finding.column.severity')}</label>
            <select id={ids.severity} value={severity ?? ''} onChange={(event) => setSeverity(oneOf(FINDING_SEVERITIES, event.target.value))}>
              <option value="">{t('audit.finding.filter.all')}</option>
              {FINDING_SEVERITIES.map((option) => (
                <option key={option} value={option}>
                  {codeLabel('audit.finding.severity', option)}
                </option>
              ))}
            </select>
          </div>
          <div className="field field-inline">
            <label htmlFor={ids.status}>{t('audit.finding.column.status')}</label>
            <select id={ids.status} value={status ?? ''} onChange={(event) => setStatus(oneOf(FINDING_STATUSES, event.target.value))}>
              <option value="">{t('audit.finding.filter.all')}</option>
              {FINDING_STATUSES.map((option) => (
                <option key={option} value={option}>
                  {codeLabel('audit.finding.status', option)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {error && !data ? (
          <QueryError error={error} onRetry={() => refetch()} />
        ) : loading && !data ? (
          <Loading />
        ) : findings.length === 0 ? (
          <EmptyState hint={rule || status || severity ? undefined : t('audit.finding.list.emptyHint')}>
            {rule || status || severity ? t('list.noMatch') : t('audit.finding.list.empty')}
          </EmptyState>
        ) : (
          <FindingsTable findings={findings} onOpen={(id) => navigateTo('/findings', { id })} />
        )}
      </section>
    </Page>
  );
}

/** The finding of the address, read by id (the list's filters may not include it). */
function OpenFinding({ id, account, onChanged }: { id: string; account: Account; onChanged(): Promise<void> }) {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(FINDING_QUERY, { variables: { id }, fetchPolicy: 'cache-and-network' });
  if (error && !data) return <QueryError error={error} onRetry={() => refetch()} />;
  if (loading && !data) return <Loading />;
  if (!data?.finding) return <EmptyState>{t('audit.finding.detail.notFound')}</EmptyState>;
  return (
    <FindingDetail
      finding={data.finding}
      account={account}
      onChanged={async () => {
        await Promise.all([refetch(), onChanged()]);
      }}
    />
  );
}

function FindingsTable({ findings, onOpen }: { findings: Finding[]; onOpen(id: string): void }) {
  const i18n = useI18n();
  const { t, codeLabel } = i18n;
  const columns = useMemo<Column<Finding>[]>(
    () => [
      { id: 'detectedAt', header: t('audit.finding.column.detectedAt'), className: 'nowrap', sortValue: (f) => f.detectedAt, firstDirection: 'descending', cell: (f) => formatDateTime(f.detectedAt) },
      { id: 'rule', header: t('audit.finding.column.rule'), rowHeader: true, sortValue: (f) => findingRuleLabel(i18n, 'audit.finding.rule', f), cell: (f) => findingRuleLabel(i18n, 'audit.finding.rule', f) },
      {
        id: 'severity',
        header: t('audit.finding.column.severity'),
        sortValue: (f) => FINDING_SEVERITIES.indexOf(f.severity),
        cell: (f) => <Badge tone={SEVERITY_TONES[f.severity]}>{codeLabel('audit.finding.severity', f.severity)}</Badge>,
      },
      {
        id: 'status',
        header: t('audit.finding.column.status'),
        sortValue: (f) => FINDING_STATUSES.indexOf(f.status),
        cell: (f) => <Badge tone={FINDING_STATUS_TONES[f.status]}>{codeLabel('audit.finding.status', f.status)}</Badge>,
      },
      { id: 'summary', header: t('audit.finding.column.summary'), sortValue: (f) => findingSummary(i18n, f), cell: (f) => findingSummary(i18n, f) },
      { id: 'records', header: t('audit.finding.column.records'), className: 'numeric', sortValue: (f) => f.recordCount, firstDirection: 'descending', cell: (f) => f.recordCount },
      {
        id: 'window',
        header: t('audit.finding.column.window'),
        className: 'nowrap',
        sortValue: (f) => f.windowStart,
        cell: (f) => `${formatDateTime(f.windowStart)} – ${formatDateTime(f.windowEnd)}`,
      },
      {
        id: 'open',
        header: t('audit.column.actions'),
        cell: (f) => (
          <button type="button" className="button" onClick={() => onOpen(f.id)}>
            {t('audit.finding.list.open', { rule: findingRuleLabel(i18n, 'audit.finding.rule', f), at: formatDateTime(f.detectedAt) })}
          </button>
        ),
      },
    ],
    [t, codeLabel, i18n, onOpen],
  );
  const sorted = useSortedRows(findings, columns, { columnId: 'detectedAt', direction: 'descending' });
  const paged = usePagedRows(sorted.rows, PAGE_SIZE);
  const chart = useMemo(
    () => countByMonthAndCategory(findings, (f) => taiwanMonth(f.windowStart), (f) => f.severity, FINDING_SEVERITIES),
    [findings],
  );
  return (
    <>
      <DataTable caption={t('audit.finding.list.caption')} columns={columns} rows={paged.rows} rowKey={(f) => f.id} sort={sorted.sort} onSort={sorted.sortBy} />
      <Pager range={paged.range} listName={t('audit.finding.list.caption')} onPage={paged.setPage} />
      <LazyBarChart
        title={t('audit.finding.chart')}
        categoryHeader={t('chart.month')}
        data={chart}
        stacked
        series={FINDING_SEVERITIES.map((s) => ({ key: s, label: codeLabel('audit.finding.severity', s), color: SEVERITY_COLORS[s] }))}
      />
    </>
  );
}

function ScanForm({ onScanned }: { onScanned(): Promise<void> }) {
  const { t } = useI18n();
  const ids = { from: useId(), to: useId(), fromError: useId(), toError: useId(), error: useId(), heading: useId() };
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [problems, setProblems] = useState<FieldProblems<'periodStart' | 'periodEnd'>>({});
  const [result, setResult] = useState<{ created: number; found: number } | null>(null);
  const [scan, { loading, error, reset }] = useMutation(SCAN_MUTATION);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (loading) return;
    // A scan may include today: only the order and the dates are checked here.
    const found = validatePeriod({ periodStart: from, periodEnd: to }, '9999-12-31');
    setProblems(found);
    setResult(null);
    if (Object.keys(found).length > 0) return;
    reset();
    try {
      const answer = await scan({ variables: { from, to } });
      if (answer.data) setResult({ created: answer.data.scanForAnomalies.created, found: answer.data.scanForAnomalies.findings.length });
      await onScanned();
    } catch {
      // Shown below.
    }
  }

  return (
    <section className="card audit-draw" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{t('audit.finding.scan.title')}</h2>
      <p className="section-meta">{t('audit.finding.scan.intro')}</p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <div className="form-row">
          <div className="field">
            <label htmlFor={ids.from}>{t('audit.finding.scan.from')}</label>
            <input id={ids.from} type="date" value={from} max={todayInTaiwan()} aria-invalid={problems.periodStart ? true : undefined} aria-describedby={problems.periodStart ? ids.fromError : undefined} onChange={(event) => setFrom(event.target.value)} />
            {problems.periodStart ? (
              <p id={ids.fromError} className="field-error">
                {t(problems.periodStart as MessageKey)}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={ids.to}>{t('audit.finding.scan.to')}</label>
            <input id={ids.to} type="date" value={to} aria-invalid={problems.periodEnd ? true : undefined} aria-describedby={problems.periodEnd ? ids.toError : undefined} onChange={(event) => setTo(event.target.value)} />
            {problems.periodEnd ? (
              <p id={ids.toError} className="field-error">
                {t(problems.periodEnd as MessageKey)}
              </p>
            ) : null}
          </div>
        </div>
        <button type="submit" className="button button-strong" aria-disabled={loading}>
          {loading ? t('audit.finding.scan.running') : t('audit.finding.scan.submit')}
        </button>
        <p role="status" className="field-ok">
          {result ? t('audit.finding.scan.result', { created: result.created, found: result.found }) : null}
        </p>
        <FormError id={ids.error} error={error} />
      </form>
    </section>
  );
}

/** Evidence shown at most: the finding keeps up to 50 ids, the count covers all. */
const EVIDENCE_SHOWN = 10;

/** The records a finding rests on (the register's, or the bureau's ids of queries nobody registered), for the investigators to pull. */
function FindingEvidenceFacts({ finding }: { finding: Finding }) {
  const { t } = useI18n();
  const { data } = useQuery(FINDING_EVIDENCE_QUERY, { variables: { id: finding.id } });
  if (!data?.finding) return null;
  const { kind, ids } = evidenceOf(data.finding);
  if (ids.length === 0) return null;
  const shown = ids.slice(0, EVIDENCE_SHOWN);
  const more = Math.max(finding.recordCount - shown.length, 0);
  return (
    <div>
      <dt>{t(kind === 'register' ? 'audit.finding.detail.registerRecords' : 'audit.finding.detail.bureauRecords')}</dt>
      <dd>
        <ul className="evidence-list">
          {shown.map((id) => (
            <li key={id}>
              <code>{id}</code>
            </li>
          ))}
        </ul>
        {more > 0 ? <p>{t('audit.finding.detail.moreRecords', { count: more })}</p> : null}
      </dd>
    </div>
  );
}

function FindingDetail({ finding, account, onChanged }: { finding: Finding; account: Account; onChanged(): Promise<void> }) {
  const i18n = useI18n();
  const { t, codeLabel } = i18n;
  const errorId = useId();
  const headingId = useId();
  const [openInvestigation, { loading, error }] = useMutation(OPEN_INVESTIGATION_MUTATION);
  const [investigationId, setInvestigationId] = useState<string | null>(finding.investigation?.id ?? null);

  async function start() {
    if (loading) return;
    try {
      const answer = await openInvestigation({ variables: { findingId: finding.id } });
      if (answer.data) setInvestigationId(answer.data.openInvestigation.id);
      await onChanged();
    } catch {
      // Shown below.
    }
  }

  return (
    <>
      <section className="section audit-section" aria-labelledby={headingId}>
        <h2 id={headingId}>{findingRuleLabel(i18n, 'audit.finding.rule', finding)}</h2>
        <p>
          <Badge tone={SEVERITY_TONES[finding.severity]}>{codeLabel('audit.finding.severity', finding.severity)}</Badge>{' '}
          <Badge tone={FINDING_STATUS_TONES[finding.status]}>{codeLabel('audit.finding.status', finding.status)}</Badge>
        </p>
        <p>{findingSummary(i18n, finding)}</p>
        <dl className="facts audit-facts">
          <div>
            <dt>{t('audit.finding.column.window')}</dt>
            <dd>
              {formatDateTime(finding.windowStart)} – {formatDateTime(finding.windowEnd)}
            </dd>
          </div>
          <div>
            <dt>{t('audit.finding.column.records')}</dt>
            <dd>{finding.recordCount}</dd>
          </div>
          <div>
            <dt>{t('audit.finding.detail.account')}</dt>
            <dd>
              {finding.account ? (
                <>
                  {finding.account.person.displayName}（{finding.account.username}）<br />
                </>
              ) : null}
              {finding.accountId ? <code>{finding.accountId}</code> : t('common.none')}
            </dd>
          </div>
          {finding.subjectKey ? (
            <div>
              <dt>{t('audit.finding.detail.subject')}</dt>
              <dd>
                <code>{finding.subjectKey}</code>
              </dd>
            </div>
          ) : null}
          <FindingEvidenceFacts finding={finding} />
          <div>
            <dt>{t('column.citation')}</dt>
            <dd className="citation">{finding.citation}</dd>
          </div>
        </dl>
        {!investigationId ? (
          <>
            <button type="button" className="button button-strong" aria-disabled={loading} onClick={() => void start()}>
              {loading ? t('audit.saving') : t('audit.finding.investigation.open')}
            </button>
            <FormError id={errorId} error={error} />
          </>
        ) : null}
      </section>
      {investigationId ? <InvestigationPanel id={investigationId} account={account} onChanged={onChanged} /> : null}
    </>
  );
}

function InvestigationPanel({ id, account, onChanged }: { id: string; account: Account; onChanged(): Promise<void> }) {
  const { t, roleName, codeLabel, language } = useI18n();
  const headingId = useId();
  const { data, loading, error, refetch } = useQuery(INVESTIGATION_QUERY, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const investigation = data?.investigation;
  if (error && !investigation) return <QueryError error={error} onRetry={() => refetch()} />;
  if (loading && !investigation) return <Loading />;
  if (!investigation) return <EmptyState>{t('audit.finding.investigation.notFound')}</EmptyState>;
  const team = investigation.teamRoles.map((role, index) => `${investigation.teamTitlesZh[index] ?? roleName(role)}（${roleName(role)}）`);
  const onTeam = investigation.teamRoles.some((role) => account.roles.includes(role)) || account.roles.includes('AUDITOR');
  const closed = investigation.closedAt !== null;
  return (
    <section className="section audit-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('audit.finding.investigation.title')}</h2>
      <dl className="facts audit-facts">
        <div>
          <dt>{t('audit.finding.investigation.team')}</dt>
          <dd>
            {team.join(language === 'en' ? ', ' : '、')} <span className="citation">{t('common.citation', { citation: investigation.teamCitation })}</span>
          </dd>
        </div>
        <div>
          <dt>{t('audit.finding.investigation.openedAt')}</dt>
          <dd>{formatDateTime(investigation.openedAt)}</dd>
        </div>
        {closed ? (
          <>
            <div>
              <dt>{t('audit.finding.investigation.outcome')}</dt>
              <dd>{investigation.outcome ? codeLabel('audit.finding.outcome', investigation.outcome) : t('common.none')}</dd>
            </div>
            <div>
              <dt>{t('audit.finding.investigation.actions')}</dt>
              <dd>{investigation.actions.length === 0 ? t('common.none') : investigation.actions.map((a) => codeLabel('audit.finding.action', a)).join('、')}</dd>
            </div>
            <div>
              <dt>{t('audit.finding.investigation.summary')}</dt>
              <dd>{investigation.outcomeSummary}</dd>
            </div>
          </>
        ) : null}
      </dl>
      {investigation.tasks.length > 0 ? (
        <>
          <h3>{t('audit.finding.investigation.tasks')}</h3>
          <ul className="plain-list">
            {investigation.tasks.map((task) => (
              <li key={task.id}>
                <Badge tone={task.state === 'OVERDUE' ? 'danger' : task.state === 'DONE' ? 'ok' : 'info'}>{codeLabel('taskState', task.state)}</Badge> {task.title}{' '}
                <span className="muted">
                  {t('home.tasks.due', { date: task.dueOn })} ({roleName(task.ownerRole)})
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{t('audit.finding.investigation.notes')}</h3>
      {investigation.notes.length === 0 ? (
        <p className="muted">{t('audit.finding.investigation.noNotes')}</p>
      ) : (
        <ol className="note-list">
          {investigation.notes.map((note) => (
            <li key={note.id}>
              <p className="muted">
                {formatDateTime(note.createdAt)} · {note.authorRoles.map(roleName).join('、')}
              </p>
              <p>{note.body}</p>
            </li>
          ))}
        </ol>
      )}
      {!closed && onTeam ? (
        <>
          <NoteForm investigationId={investigation.id} onAdded={() => refetch().then(() => undefined)} />
          <CloseForm investigation={investigation} onClosed={async () => { await refetch(); await onChanged(); }} />
        </>
      ) : null}
    </section>
  );
}

function NoteForm({ investigationId, onAdded }: { investigationId: string; onAdded(): Promise<void> }) {
  const { t } = useI18n();
  const ids = { body: useId(), problem: useId(), error: useId() };
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState(false);
  const [add, { loading, error, reset }] = useMutation(ADD_NOTE_MUTATION);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (loading) return;
    setProblem(body.trim() === '');
    if (body.trim() === '') return;
    reset();
    try {
      await add({ variables: { investigationId, body: body.trim() } });
      setBody('');
      await onAdded();
    } catch {
      // Shown below; the note stays as typed.
    }
  }
  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="card audit-judge">
      <div className="field">
        <label htmlFor={ids.body}>{t('audit.finding.note.label')}</label>
        <textarea id={ids.body} rows={3} value={body} aria-invalid={problem || undefined} aria-describedby={problem ? ids.problem : undefined} onChange={(event) => setBody(event.target.value)} />
        {problem ? (
          <p id={ids.problem} className="field-error">
            {t('audit.form.required')}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button button-strong" aria-disabled={loading}>
        {loading ? t('audit.saving') : t('audit.finding.note.submit')}
      </button>
      <FormError id={ids.error} error={error} />
    </form>
  );
}

function CloseForm({ investigation, onClosed }: { investigation: Investigation; onClosed(): Promise<void> }) {
  const { t, codeLabel } = useI18n();
  const ids = { outcome: useId(), summary: useId(), outcomeProblem: useId(), summaryProblem: useId(), error: useId(), heading: useId() };
  const [outcome, setOutcome] = useState<InvestigationOutcome | ''>('');
  const [actions, setActions] = useState<string[]>([]);
  const [summary, setSummary] = useState('');
  const [problems, setProblems] = useState<{ outcome?: boolean; summary?: boolean }>({});
  const [close, { loading, error, reset }] = useMutation(CLOSE_INVESTIGATION_MUTATION);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (loading) return;
    const found = { outcome: outcome === '', summary: summary.trim() === '' };
    setProblems(found);
    if (found.outcome || found.summary || outcome === '') return;
    reset();
    try {
      await close({ variables: { input: { investigationId: investigation.id, outcome, actions, summary: summary.trim() } } });
      await onClosed();
    } catch {
      // Shown below; the input stays.
    }
  }
  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="card audit-judge" aria-labelledby={ids.heading}>
      <h3 id={ids.heading}>{t('audit.finding.close.title')}</h3>
      <div className="field">
        <label htmlFor={ids.outcome}>{t('audit.finding.investigation.outcome')}</label>
        <select
          id={ids.outcome}
          value={outcome}
          aria-invalid={problems.outcome || undefined}
          aria-describedby={problems.outcome ? ids.outcomeProblem : undefined}
          onChange={(event) => setOutcome(oneOf(INVESTIGATION_OUTCOMES, event.target.value) ?? '')}
        >
          <option value="">{t('audit.finding.close.chooseOutcome')}</option>
          {INVESTIGATION_OUTCOMES.map((option) => (
            <option key={option} value={option}>
              {codeLabel('audit.finding.outcome', option)}
            </option>
          ))}
        </select>
        {problems.outcome ? (
          <p id={ids.outcomeProblem} className="field-error">
            {t('audit.form.required')}
          </p>
        ) : null}
      </div>
      {investigation.availableActions.length > 0 ? (
        <fieldset className="field">
          <legend>{t('audit.finding.investigation.actions')}</legend>
          {investigation.availableActions.map((action) => (
            <label key={action} className="inline-choice">
              <input
                type="checkbox"
                checked={actions.includes(action)}
                onChange={(event) => setActions((current) => (event.target.checked ? [...current, action] : current.filter((a) => a !== action)))}
              />{' '}
              {codeLabel('audit.finding.action', action)}
            </label>
          ))}
        </fieldset>
      ) : null}
      <div className="field">
        <label htmlFor={ids.summary}>{t('audit.finding.investigation.summary')}</label>
        <textarea
          id={ids.summary}
          rows={3}
          value={summary}
          aria-invalid={problems.summary || undefined}
          aria-describedby={problems.summary ? ids.summaryProblem : undefined}
          onChange={(event) => setSummary(event.target.value)}
        />
        {problems.summary ? (
          <p id={ids.summaryProblem} className="field-error">
            {t('audit.form.required')}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button button-strong" aria-disabled={loading}>
        {loading ? t('audit.saving') : t('audit.finding.close.submit')}
      </button>
      <FormError id={ids.error} error={error} />
    </form>
  );
}
