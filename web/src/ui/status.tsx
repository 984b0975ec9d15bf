import type { ReactNode } from 'react';
import { describeError } from '../api/api-error';
import { useI18n } from '../i18n/i18n-context';

/** A section or list waiting for the gateway. */
export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="inline-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('app.loading')}</span>
    </div>
  );
}

/**
 * A request that failed, in words, with a way to try again. `role="alert"` makes screen readers announce it as it
 * appears. The raw error is kept, so switching language re-translates it.
 */
export function QueryError({ error, onRetry, what }: { error: unknown; onRetry?: () => unknown; what?: string }) {
  const { t, messages } = useI18n();
  return (
    <div className="query-error" role="alert">
      <p>
        <strong>{what ?? t('common.loadFailed')}</strong> {describeError(error, messages)}
      </p>
      {onRetry ? (
        <button type="button" className="button" onClick={() => void Promise.resolve(onRetry()).catch(() => undefined)}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** A list with nothing in it, said in words (never just a blank table). */
export function EmptyState({ children, hint }: { children: ReactNode; hint?: ReactNode }) {
  return (
    <div className="empty-state">
      <p>{children}</p>
      {hint ? <p className="empty-hint">{hint}</p> : null}
    </div>
  );
}

export type BadgeTone = 'neutral' | 'info' | 'ok' | 'warning' | 'danger';

/** A short status word. The word itself carries the meaning; the colour only repeats it. */
export function Badge({ tone = 'neutral', children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
