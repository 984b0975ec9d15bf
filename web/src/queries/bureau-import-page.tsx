import './queries.css';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useI18n } from '../i18n/i18n-context';
import { FormError } from '../ui/form-error';
import { formatDateTime, formatNumber } from '../ui/format';
import { Page } from '../ui/page';
import { Badge, EmptyState, Loading, QueryError, type BadgeTone } from '../ui/status';
import { BUREAU_IMPORT_JOB_QUERY, BUREAU_IMPORT_JOBS_QUERY, IMPORT_BUREAU_RECORDS_MUTATION, type BureauImportJob } from './queries.operations';

/** The gateway's request limit: larger files go through the command-line import. */
export const MAX_CONSOLE_IMPORT_BYTES = 1_000_000;
const POLL_INTERVAL_MS = 300;

const STATUS_TONE: Record<BureauImportJob['status'], BadgeTone> = { QUEUED: 'neutral', RUNNING: 'info', SUCCEEDED: 'ok', FAILED: 'danger' };

export function isFinished(job: Pick<BureauImportJob, 'status'>): boolean {
  return job.status === 'SUCCEEDED' || job.status === 'FAILED';
}

/** How far along an import is, 0–1: by bytes while reading, then complete once done. */
export function importShare(job: Pick<BureauImportJob, 'status' | 'phase' | 'progress'>): number {
  if (isFinished(job)) return 1;
  return Math.min(1, Math.max(0, job.progress ?? 0));
}

/**
 * The bureau's query records (docs/bureau-records-csv.md) imported for the monthly reconciliation. The service answers
 * at once with a job; the console polls it for the progress bar and shows the outcome (or every problem of a
 * rejected file, by line and column).
 */
export function BureauImportPage() {
  const { t } = useI18n();
  const client = useApolloClient();
  const [start, { loading: uploading }] = useMutation(IMPORT_BUREAU_RECORDS_MUTATION);
  const history = useQuery(BUREAU_IMPORT_JOBS_QUERY, { variables: { first: 10 } });
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [job, setJob] = useState<BureauImportJob | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const ids = { file: useId(), hint: useId(), fileError: useId(), error: useId(), history: useId() };

  useEffect(() => {
    if (!job || isFinished(job)) return;
    let stopped = false;
    const timer = setTimeout(async () => {
      try {
        const { data } = await client.query({ query: BUREAU_IMPORT_JOB_QUERY, variables: { id: job.id }, fetchPolicy: 'no-cache' });
        if (stopped || !data?.bureauImportJob) return;
        setJob(data.bureauImportJob);
        if (isFinished(data.bureauImportJob)) void history.refetch();
      } catch (caught) {
        if (!stopped) setError(caught);
      }
    }, POLL_INTERVAL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [job, client]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (uploading || (job && !isFinished(job))) return;
    setError(null);
    if (!file) {
      setFileError(t('queries.import.chooseFile'));
      fileInput.current?.focus();
      return;
    }
    if (file.size > MAX_CONSOLE_IMPORT_BYTES) {
      setFileError(t('queries.import.tooLarge'));
      fileInput.current?.focus();
      return;
    }
    setFileError(null);
    try {
      const csv = await file.text();
      const { data } = await start({ variables: { fileName: file.name, csv } });
      if (data) setJob(data.importBureauRecords);
    } catch (caught) {
      setError(caught);
    }
  }

  const running = uploading || (job !== null && !isFinished(job));
  return (
    <Page title={t('queries.import.title')} lead={t('queries.import.intro')} className="queries-page">
      <form className="import-form" onSubmit={submit} aria-busy={running} noValidate>
        <div className="field">
          <label htmlFor={ids.file}>{t('queries.import.file')}</label>
          <input
            ref={fileInput}
            id={ids.file}
            type="file"
            accept=".csv,text/csv"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={`${ids.hint}${fileError ? ` ${ids.fileError}` : ''}`}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setFileError(null);
            }}
          />
          <p id={ids.hint} className="field-hint">
            {t('queries.import.fileHint')}
          </p>
          <p id={ids.fileError} className="field-error" aria-live="polite">
            {fileError}
          </p>
        </div>
        <FormError id={ids.error} error={error} />
        <button type="submit" className="button button-primary" aria-disabled={running}>
          {uploading ? t('queries.import.uploading') : t('queries.import.submit')}
        </button>
      </form>

      {job ? <ImportProgress job={job} /> : null}

      <section aria-labelledby={ids.history}>
        <h2 id={ids.history}>{t('queries.import.history')}</h2>
        {history.error && !history.data ? (
          <QueryError error={history.error} onRetry={() => history.refetch()} />
        ) : history.loading && !history.data ? (
          <Loading />
        ) : history.data && history.data.bureauImportJobs.length === 0 ? (
          <EmptyState>{t('queries.import.historyEmpty')}</EmptyState>
        ) : history.data ? (
          <ImportHistory jobs={history.data.bureauImportJobs} />
        ) : null}
      </section>
    </Page>
  );
}

function ImportProgress({ job }: { job: BureauImportJob }) {
  const { t, language } = useI18n();
  const progressId = useId();
  const share = importShare(job);
  const finished = isFinished(job);
  return (
    <section className="import-progress" aria-labelledby={progressId}>
      <h2 id={progressId}>
        {t('queries.import.progress')}: {job.fileName}
      </h2>
      <progress
        max={1}
        value={share}
        aria-labelledby={progressId}
        aria-valuetext={`${Math.round(share * 100)}% · ${t(`queries.import.phase.${job.phase}` as 'queries.import.phase.DONE')}`}
      />
      <p role="status" className="import-status">
        <Badge tone={STATUS_TONE[job.status]}>{t(`queries.import.status.${job.status}`)}</Badge>{' '}
        {finished ? null : (
          <>
            {t(`queries.import.phase.${job.phase}` as 'queries.import.phase.DONE')} · {Math.round(share * 100)}% ·{' '}
            {t('queries.import.rowsRead', { count: formatNumber(job.rowsRead, language) })}
          </>
        )}
        {job.status === 'SUCCEEDED' ? (
          <span className="import-summary">
            {t('queries.import.summary', {
              inserted: formatNumber(job.rowsInserted, language),
              duplicate: formatNumber(job.rowsDuplicate, language),
              unknown: formatNumber(job.rowsUnknownAccount, language),
              read: formatNumber(job.rowsRead, language),
            })}
          </span>
        ) : null}
      </p>
      {job.status === 'FAILED' && job.errors.length ? (
        <div className="query-error" role="alert">
          <p>
            <strong>{t('queries.import.problems')}</strong>
          </p>
          <ul>
            {job.errors.map((problem, index) => (
              <li key={index}>
                {problem.line === null
                  ? problem.message
                  : problem.field
                    ? t('queries.import.problem', { line: problem.line, field: problem.field, message: problem.message })
                    : t('queries.import.problemLine', { line: problem.line, message: problem.message })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {job.status === 'SUCCEEDED' ? (
        <p>
          <a href="#/queries/reconciliation">{t('queries.import.toReconciliation')}</a>
        </p>
      ) : null}
    </section>
  );
}

function ImportHistory({ jobs }: { jobs: BureauImportJob[] }) {
  const { t, language } = useI18n();
  const captionId = useId();
  return (
    <div className="data-table">
      <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table>
          <caption id={captionId}>{t('queries.import.history')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('queries.column.createdAt')}</th>
              <th scope="col">{t('queries.column.file')}</th>
              <th scope="col">{t('queries.column.status')}</th>
              <th scope="col">{t('queries.column.result')}</th>
              <th scope="col">{t('queries.column.user')}</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.id}>
                <td className="nowrap">{formatDateTime(job.createdAt)}</td>
                <th scope="row">{job.fileName}</th>
                <td>
                  <Badge tone={STATUS_TONE[job.status]}>{t(`queries.import.status.${job.status}`)}</Badge>
                </td>
                <td>
                  {job.status === 'SUCCEEDED'
                    ? t('queries.import.summary', {
                        inserted: formatNumber(job.rowsInserted, language),
                        duplicate: formatNumber(job.rowsDuplicate, language),
                        unknown: formatNumber(job.rowsUnknownAccount, language),
                        read: formatNumber(job.rowsRead, language),
                      })
                    : job.errors[0]?.message ?? t('common.none')}
                </td>
                <td>{job.startedBy?.person.displayName ?? t('common.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
