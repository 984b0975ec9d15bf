import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import type { MessageKey } from '../i18n/dictionaries';
import { useI18n } from '../i18n/i18n-context';
import type { Account } from '../shell/account.operations';
import { DataTable, useSortedRows, type Column } from '../ui/data-table';
import { FormError } from '../ui/form-error';
import { formatDateTime } from '../ui/format';
import { Pager, usePagedRows } from '../ui/pager';
import { Badge, EmptyState, Loading, QueryError } from '../ui/status';
import {
  allConforming,
  checklistDrafts,
  judgmentDrafts,
  nextSignoffStep,
  validateChecklist,
  validateJudgments,
  type ChecklistDraft,
  type JudgmentDraft,
} from './audit-forms';
import {
  AUDIT_ARCHIVE_QUERY,
  AUDIT_PDF_QUERY,
  AUDIT_QUERY,
  AUDIT_SAMPLE_QUERY,
  CHECKLIST_RESULTS,
  JUDGE_RECORD_MUTATION,
  JUDGMENT_RESULTS,
  RECORD_CHECKLIST_MUTATION,
  SAMPLE_PAGE_LIMIT,
  SIGN_OFF_MUTATION,
  VERIFY_SAMPLE_QUERY,
  type AuditDetail,
  type BinaryFile,
  type SampledRecord,
  type SampleVerification,
} from './audit.operations';
import { AUDIT_STATE_TONES } from './audit-labels';
import { base64ToBytes, safeFileName, saveFile } from './download';

const SAMPLE_PAGE_SIZE = 20;

export function AuditWorkbench({ auditId, account }: { auditId: string; account: Account }) {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(AUDIT_QUERY, { variables: { id: auditId }, fetchPolicy: 'cache-and-network' });
  const sample = useQuery(AUDIT_SAMPLE_QUERY, { variables: { id: auditId, first: SAMPLE_PAGE_LIMIT }, fetchPolicy: 'cache-and-network' });
  const found = data?.audit;
  const records = sample.data?.audit?.sample;
  if (error && !found) return <QueryError error={error} onRetry={() => refetch()} />;
  if (sample.error && !records) return <QueryError error={sample.error} onRetry={() => sample.refetch()} />;
  if ((loading && !found) || (sample.loading && !records)) return <Loading />;
  if (!found || !records) return <EmptyState>{t('audit.workbench.notFound')}</EmptyState>;
  const audit: AuditDetail = { ...found, sample: records };
  const refresh = () => Promise.all([refetch(), sample.refetch()]).then(() => undefined);
  const locked = audit.state === 'SIGNING' || audit.state === 'SIGNED_OFF';
  return (
    <div className="audit-workbench">
      <DrawFacts audit={audit} />
      <VerifySample auditId={audit.id} />
      <SampleReview audit={audit} locked={locked} onChanged={refresh} />
      <ChecklistForm audit={audit} locked={locked} onChanged={refresh} />
      <Signoff audit={audit} account={account} />
      <Exports audit={audit} />
    </div>
  );
}

function Section({ title, children, meta }: { title: string; meta?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="section audit-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {meta ? <p className="section-meta">{meta}</p> : null}
      {children}
    </section>
  );
}

function DrawFacts({ audit }: { audit: AuditDetail }) {
  const { t, codeLabel } = useI18n();
  const rule = audit.samplingRule;
  return (
    <Section title={t('audit.facts.title', { start: audit.periodStart, end: audit.periodEnd })}>
      <p>
        <Badge tone={AUDIT_STATE_TONES[audit.state]}>{codeLabel('audit.state', audit.state)}</Badge>{' '}
        {t('audit.progress', {
          judged: audit.progress.judgedRecords,
          size: audit.progress.sampleSize,
          nonconforming: audit.progress.nonconformingRecords,
          answered: audit.progress.checklistAnswered,
          items: audit.progress.checklistItems,
        })}
      </p>
      <dl className="facts audit-facts">
        <div>
          <dt>{t('audit.column.method')}</dt>
          <dd>{codeLabel('audit.method', audit.method)}</dd>
        </div>
        <div>
          <dt>{t('audit.facts.rule')}</dt>
          <dd>
            {rule
              ? t('audit.facts.ruleText', {
                  percent: rule.percent,
                  minimum: rule.minimum,
                  maximum: rule.maximum ?? '—',
                  allBelow: rule.allIfFewerThan,
                  period: codeLabel('audit.rulePeriod', rule.period),
                })
              : t('audit.facts.fullReview')}{' '}
            <span className="citation">{t('common.citation', { citation: audit.samplingCitation })}</span>
          </dd>
        </div>
        <div>
          <dt>{t('audit.facts.ruleVersion')}</dt>
          <dd>
            <code>{audit.ruleVersionId}</code>
            {audit.ruleVersionKnown ? null : <p className="muted">{t('audit.facts.ruleVersionUnknown')}</p>}
          </dd>
        </div>
        <div>
          <dt>{t('audit.facts.drawMethod')}</dt>
          <dd>{t(`audit.drawMethod.${audit.drawMethod}`)}</dd>
        </div>
        <div>
          <dt>{t('audit.facts.seed')}</dt>
          <dd>
            <code className="hash">{audit.seed}</code>
          </dd>
        </div>
        <div>
          <dt>{t('audit.column.population')}</dt>
          <dd>{audit.populationCount}</dd>
        </div>
        <div>
          <dt>{t('audit.facts.populationHash')}</dt>
          <dd>
            <code className="hash">{audit.populationHash}</code>
          </dd>
        </div>
        <div>
          <dt>{t('audit.column.sampleSize')}</dt>
          <dd>{audit.sampleSize}</dd>
        </div>
        <div>
          <dt>{t('audit.draw.stratify')}</dt>
          <dd>{audit.stratifyBy.length === 0 ? t('audit.facts.notStratified') : audit.stratifyBy.map((s) => codeLabel('audit.stratum', s)).join('、')}</dd>
        </div>
        <div>
          <dt>{t('audit.column.drawnAt')}</dt>
          <dd>{formatDateTime(audit.drawnAt)}</dd>
        </div>
      </dl>
    </Section>
  );
}

function VerifySample({ auditId }: { auditId: string }) {
  const { t } = useI18n();
  const client = useApolloClient();
  const errorId = useId();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SampleVerification | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function verify() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await client.query({ query: VERIFY_SAMPLE_QUERY, variables: { auditId }, fetchPolicy: 'network-only' });
      setResult(answer.data?.verifyAuditSample ?? null);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }
  const same = result ? result.samePopulation && result.sameSample : false;
  return (
    <Section title={t('audit.verify.title')} meta={t('audit.verify.intro')}>
      <button type="button" className="button" aria-disabled={busy} onClick={() => void verify()}>
        {busy ? t('audit.verify.running') : t('audit.verify.submit')}
      </button>
      <div role="status" className="audit-verify-result">
        {result ? (
          <p className={same ? 'notice notice-info' : 'notice notice-danger'}>
            <strong>{same ? t('audit.verify.same') : t('audit.verify.different')}</strong>{' '}
            {t('audit.verify.details', {
              population: result.samePopulation ? t('audit.verify.populationSame') : t('audit.verify.populationChanged'),
              sample: result.sameSample ? t('audit.verify.sampleSame') : t('audit.verify.sampleChanged'),
              count: result.populationCount,
            })}
          </p>
        ) : null}
      </div>
      <FormError id={errorId} error={error} />
    </Section>
  );
}

function SampleReview({ audit, locked, onChanged }: { audit: AuditDetail; locked: boolean; onChanged(): Promise<void> }) {
  const { t, language } = useI18n();
  const [openPosition, setOpenPosition] = useState<number | null>(null);
  const columns = useMemo<Column<SampledRecord>[]>(
    () => [
      { id: 'position', header: t('audit.sample.position'), className: 'numeric', sortValue: (r) => r.position, cell: (r) => r.position },
      { id: 'sequence', header: t('column.sequence'), rowHeader: true, sortValue: (r) => Number(r.sequence), cell: (r) => r.sequence },
      { id: 'queriedAt', header: t('column.queriedAt'), className: 'nowrap', sortValue: (r) => r.queriedAt, cell: (r) => formatDateTime(r.queriedAt) },
      { id: 'item', header: t('column.item'), sortValue: (r) => r.itemKey, cell: (r) => <code>{r.itemKey}</code> },
      {
        id: 'judged',
        header: t('audit.sample.result'),
        sortValue: (r) => (r.judged ? (r.judgments.some((j) => j.result === 'NONCONFORMING') ? 1 : 2) : 0),
        cell: (r) =>
          !r.judged ? (
            <Badge tone="neutral">{t('audit.sample.notJudged')}</Badge>
          ) : r.judgments.some((j) => j.result === 'NONCONFORMING') ? (
            <Badge tone="danger">{t('audit.sample.nonconforming')}</Badge>
          ) : (
            <Badge tone="ok">{t('audit.sample.conforming')}</Badge>
          ),
      },
      {
        id: 'action',
        header: t('audit.column.actions'),
        cell: (r) => (
          <button type="button" className="button" aria-expanded={openPosition === r.position} onClick={() => setOpenPosition(openPosition === r.position ? null : r.position)}>
            {t(locked ? 'audit.sample.view' : 'audit.sample.judge', { position: r.position })}
          </button>
        ),
      },
    ],
    [t, openPosition, locked],
  );
  const sorted = useSortedRows(audit.sample, columns, { columnId: 'position', direction: 'ascending' });
  const paged = usePagedRows(sorted.rows, SAMPLE_PAGE_SIZE);
  const open = audit.sample.find((record) => record.position === openPosition) ?? null;
  const nextUnjudged = (after: number) =>
    audit.sample.find((record) => record.position > after && !record.judged)?.position ?? audit.sample.find((record) => !record.judged && record.position !== after)?.position ?? null;
  return (
    <Section title={t('audit.sample.title')} meta={t('audit.sample.intro')}>
      {audit.sample.length === 0 ? (
        <EmptyState>{t('audit.sample.empty')}</EmptyState>
      ) : (
        <>
          <DataTable caption={t('audit.sample.caption')} columns={columns} rows={paged.rows} rowKey={(r) => String(r.position)} sort={sorted.sort} onSort={sorted.sortBy} />
          <Pager range={paged.range} listName={t('audit.sample.caption')} onPage={paged.setPage} />
          {audit.sample.length < audit.sampleSize ? <p className="muted">{t('audit.sample.partial', { loaded: audit.sample.length, size: audit.sampleSize })}</p> : null}
        </>
      )}
      {open ? (
        <JudgeForm
          key={`${open.position}-${language}`}
          auditId={audit.id}
          record={open}
          locked={locked}
          onSaved={async () => {
            await onChanged();
            setOpenPosition(nextUnjudged(open.position));
          }}
          onClose={() => setOpenPosition(null)}
        />
      ) : null}
    </Section>
  );
}

function JudgeForm({
  auditId,
  record,
  locked,
  onSaved,
  onClose,
}: {
  auditId: string;
  record: SampledRecord;
  locked: boolean;
  onSaved(): Promise<void>;
  onClose(): void;
}) {
  const { t, language, codeLabel } = useI18n();
  const headingId = useId();
  const formErrorId = useId();
  const [drafts, setDrafts] = useState<Record<string, JudgmentDraft>>(() => judgmentDrafts(record.judgments));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [judge, { loading, error, reset }] = useMutation(JUDGE_RECORD_MUTATION);
  const set = (criterion: string, change: Partial<JudgmentDraft>) =>
    setDrafts((current) => ({ ...current, [criterion]: { ...(current[criterion] ?? { result: '', note: '' }), ...change } }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (loading || locked) return;
    const checked = validateJudgments(record.judgments, drafts);
    setProblems(checked.problems);
    if (Object.keys(checked.problems).length > 0) return;
    reset();
    try {
      await judge({ variables: { input: { auditId, position: record.position, judgments: checked.input } } });
      await onSaved();
    } catch {
      // Shown below; the answers stay as chosen.
    }
  }

  return (
    <form className="card audit-judge" aria-labelledby={headingId} noValidate onSubmit={(event) => void submit(event)}>
      <h3 id={headingId}>{t('audit.judge.title', { position: record.position, sequence: record.sequence })}</h3>
      <p className="section-meta">
        {t('audit.judge.record', { queriedAt: formatDateTime(record.queriedAt), item: record.itemKey })}
        {record.stratum ? ` · ${t('audit.judge.stratum', { stratum: record.stratum })}` : ''}
      </p>
      {!locked ? (
        <p>
          <button type="button" className="button" onClick={() => setDrafts(allConforming(record.judgments, drafts))}>
            {t('audit.judge.allConform')}
          </button>
        </p>
      ) : null}
      {record.judgments.map((judgment) => {
        const draft = drafts[judgment.criterion] ?? { result: '', note: '' };
        const problemId = `${headingId}-${judgment.criterion}-problem`;
        const noteId = `${headingId}-${judgment.criterion}-note`;
        const problem = problems[judgment.criterion];
        return (
          <fieldset key={judgment.criterion} className="judgment" aria-describedby={problem ? problemId : undefined} disabled={locked}>
            <legend>
              {language === 'en' ? judgment.labelEn : judgment.labelZh}
              {!judgment.required ? <span className="muted"> {t('audit.judge.optional')}</span> : null}
            </legend>
            <p className="citation">{t('common.citation', { citation: judgment.citation })}</p>
            <div className="choice-row">
              {JUDGMENT_RESULTS.filter((result) => result !== 'NOT_APPLICABLE' || !judgment.required).map((result) => (
                <label key={result} className="inline-choice">
                  <input
                    type="radio"
                    name={`${headingId}-${judgment.criterion}`}
                    value={result}
                    checked={draft.result === result}
                    onChange={() => set(judgment.criterion, { result })}
                  />{' '}
                  {codeLabel('audit.judgment', result)}
                </label>
              ))}
            </div>
            <div className="field">
              <label htmlFor={noteId}>{t('audit.judge.note')}</label>
              <textarea id={noteId} rows={2} value={draft.note} onChange={(event) => set(judgment.criterion, { note: event.target.value })} />
            </div>
            {problem ? (
              <p id={problemId} className="field-error">
                {t(problem as MessageKey)}
              </p>
            ) : null}
          </fieldset>
        );
      })}
      <div className="button-row">
        {!locked ? (
          <button type="submit" className="button button-strong" aria-disabled={loading}>
            {loading ? t('audit.saving') : t('audit.judge.save')}
          </button>
        ) : null}
        <button type="button" className="button" onClick={onClose}>
          {t('audit.close')}
        </button>
      </div>
      <FormError id={formErrorId} error={error} />
    </form>
  );
}

function ChecklistForm({ audit, locked, onChanged }: { audit: AuditDetail; locked: boolean; onChanged(): Promise<void> }) {
  const { t, language, codeLabel } = useI18n();
  const ids = { form: useId(), previous: useId(), recommendations: useId(), error: useId(), saved: useId() };
  const [drafts, setDrafts] = useState<Record<string, ChecklistDraft>>(() => checklistDrafts(audit.checklist));
  const [previousNote, setPreviousNote] = useState(audit.previousResultNote ?? '');
  const [recommendations, setRecommendations] = useState(audit.recommendations ?? '');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [record, { loading, error, reset }] = useMutation(RECORD_CHECKLIST_MUTATION);
  const set = (itemId: string, change: Partial<ChecklistDraft>) => {
    setSaved(false);
    setDrafts((current) => ({ ...current, [itemId]: { ...(current[itemId] ?? { result: '', note: '' }), ...change } }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (loading || locked) return;
    const checked = validateChecklist(audit.checklist, drafts);
    setProblems(checked.problems);
    setSaved(false);
    if (Object.keys(checked.problems).length > 0) return;
    reset();
    try {
      await record({
        variables: {
          input: {
            auditId: audit.id,
            answers: checked.answers,
            previousResultNote: previousNote.trim() === '' ? null : previousNote.trim(),
            recommendations: recommendations.trim() === '' ? null : recommendations.trim(),
          },
        },
      });
      await onChanged();
      setSaved(true);
    } catch {
      // Shown below; the answers stay.
    }
  }

  const allConform = () => {
    setSaved(false);
    setDrafts((current) => Object.fromEntries(audit.checklist.map((entry) => [entry.itemId, { result: 'CONFORMS', note: current[entry.itemId]?.note ?? '' }])));
  };

  return (
    <Section title={t('audit.checklist.title')} meta={audit.checklist.length === 0 ? t('audit.checklist.none') : t('audit.checklist.intro')}>
      <form noValidate onSubmit={(event) => void submit(event)} aria-label={t('audit.checklist.title')}>
        {audit.checklist.length > 0 && !locked ? (
          <p>
            <button type="button" className="button" onClick={allConform}>
              {t('audit.checklist.allConform')}
            </button>
          </p>
        ) : null}
        {audit.checklist.map((entry, index) => {
          const draft = drafts[entry.itemId] ?? { result: '', note: '' };
          const noteId = `${ids.form}-${index}-note`;
          const problemId = `${ids.form}-${index}-problem`;
          const problem = problems[entry.itemId];
          return (
            <fieldset key={entry.itemId} className="judgment" disabled={locked} aria-describedby={problem ? problemId : undefined}>
              <legend>
                {index + 1}. {language === 'en' ? entry.textEn : entry.textZh}
              </legend>
              <p className="citation">
                {t('common.citation', { citation: entry.citation })} ·{' '}
                {t('audit.checklist.previous', { result: entry.previousResult ? codeLabel('audit.checklistResult', entry.previousResult) : t('audit.checklist.noPrevious') })}
              </p>
              <div className="choice-row">
                {CHECKLIST_RESULTS.map((result) => (
                  <label key={result} className="inline-choice">
                    <input type="radio" name={`${ids.form}-${index}`} value={result} checked={draft.result === result} onChange={() => set(entry.itemId, { result })} />{' '}
                    {codeLabel('audit.checklistResult', result)}
                  </label>
                ))}
              </div>
              <div className="field">
                <label htmlFor={noteId}>{t('audit.checklist.note')}</label>
                <textarea id={noteId} rows={2} value={draft.note} onChange={(event) => set(entry.itemId, { note: event.target.value })} />
              </div>
              {problem ? (
                <p id={problemId} className="field-error">
                  {t(problem as MessageKey)}
                </p>
              ) : null}
            </fieldset>
          );
        })}
        <div className="field">
          <label htmlFor={ids.previous}>{t('audit.checklist.previousNote')}</label>
          <textarea id={ids.previous} rows={2} disabled={locked} value={previousNote} onChange={(event) => { setSaved(false); setPreviousNote(event.target.value); }} />
        </div>
        <div className="field">
          <label htmlFor={ids.recommendations}>{t('audit.checklist.recommendations')}</label>
          <textarea id={ids.recommendations} rows={3} disabled={locked} value={recommendations} onChange={(event) => { setSaved(false); setRecommendations(event.target.value); }} />
        </div>
        {!locked ? (
          <button type="submit" className="button button-strong" aria-disabled={loading}>
            {loading ? t('audit.saving') : t('audit.checklist.save')}
          </button>
        ) : null}
        <p role="status" id={ids.saved} className="field-ok">
          {saved ? t('audit.checklist.saved') : null}
        </p>
        <FormError id={ids.error} error={error} />
      </form>
    </Section>
  );
}

function Signoff({ audit, account }: { audit: AuditDetail; account: Account }) {
  const { t, roleName, language } = useI18n();
  const ids = { note: useId(), error: useId() };
  const [note, setNote] = useState('');
  const [sign, { loading, error, reset }] = useMutation(SIGN_OFF_MUTATION);
  const next = nextSignoffStep(audit.signoffs);
  const mayReview = audit.state === 'READY_FOR_SIGNOFF' || audit.state === 'SIGNING';
  const mine = next ? next.roles.some((role) => account.roles.includes(role)) : false;
  const roles = (list: string[]) => list.map(roleName).join(language === 'en' ? ' / ' : '／');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (loading) return;
    reset();
    try {
      await sign({ variables: { auditId: audit.id, note: note.trim() === '' ? null : note.trim() } });
      setNote('');
    } catch {
      // Shown below.
    }
  }

  return (
    <Section title={t('audit.signoff.title')} meta={t('audit.signoff.intro')}>
      <ol className="signoff-steps">
        {audit.signoffs.map((step) => (
          <li key={step.step} className={step.signedBy ? 'signoff-done' : step === next ? 'signoff-next' : undefined}>
            <strong>{t('audit.signoff.step', { step: step.step, title: step.titleZh ?? roles(step.roles) })}</strong>{' '}
            <span className="muted">({roles(step.roles)})</span>{' '}
            {step.signedBy ? (
              <Badge tone="ok">
                {t('audit.signoff.signed', { role: step.signedAs ? roleName(step.signedAs) : '', at: step.signedAt ? formatDateTime(step.signedAt) : '' })}
              </Badge>
            ) : (
              <Badge tone={step === next ? 'info' : 'neutral'}>{step === next ? t('audit.signoff.waiting') : t('audit.signoff.later')}</Badge>
            )}
            <span className="citation"> {t('common.citation', { citation: step.citation })}</span>
            {step.note ? <p className="muted">{step.note}</p> : null}
          </li>
        ))}
      </ol>
      {audit.state === 'SIGNED_OFF' ? (
        <p className="notice notice-info">{t('audit.signoff.complete')}</p>
      ) : !mayReview ? (
        <p className="muted">{t('audit.signoff.notReady')}</p>
      ) : next && mine ? (
        <form noValidate onSubmit={(event) => void submit(event)}>
          <div className="field">
            <label htmlFor={ids.note}>{t('audit.signoff.note')}</label>
            <textarea id={ids.note} rows={2} value={note} onChange={(event) => setNote(event.target.value)} />
          </div>
          <button type="submit" className="button button-strong" aria-disabled={loading}>
            {loading ? t('audit.saving') : t('audit.signoff.submit', { step: next.step })}
          </button>
        </form>
      ) : next ? (
        <p className="muted">{t('audit.signoff.notYours', { roles: roles(next.roles) })}</p>
      ) : null}
      <FormError id={ids.error} error={error} />
    </Section>
  );
}

function Exports({ audit }: { audit: AuditDetail }) {
  const { t } = useI18n();
  const client = useApolloClient();
  const errorId = useId();
  const [busy, setBusy] = useState<'pdf' | 'zip' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<BinaryFile | null>(null);

  async function download(kind: 'pdf' | 'zip') {
    if (busy) return;
    setBusy(kind);
    setError(null);
    try {
      const file =
        kind === 'pdf'
          ? (await client.query({ query: AUDIT_PDF_QUERY, variables: { auditId: audit.id }, fetchPolicy: 'network-only' })).data?.auditRecordPdf
          : (await client.query({ query: AUDIT_ARCHIVE_QUERY, variables: { auditId: audit.id }, fetchPolicy: 'network-only' })).data?.auditArchive;
      if (!file) throw new Error(t('common.loadFailed'));
      saveFile(base64ToBytes(file.base64), file.contentType, safeFileName(file.filename, `audit.${kind}`));
      setSaved(file);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Section title={t('audit.export.title')} meta={t('audit.export.intro')}>
      <div className="button-row">
        <button type="button" className="button" aria-disabled={busy !== null} onClick={() => void download('pdf')}>
          {busy === 'pdf' ? t('audit.export.preparing') : t('audit.export.pdf')}
        </button>
        <button type="button" className="button" aria-disabled={busy !== null} onClick={() => void download('zip')}>
          {busy === 'zip' ? t('audit.export.preparing') : t('audit.export.archive')}
        </button>
      </div>
      <p role="status" className="audit-export-result">
        {saved ? t('audit.export.saved', { file: saved.filename, size: saved.size, sha256: saved.sha256 }) : null}
      </p>
      <FormError id={errorId} error={error} />
    </Section>
  );
}
