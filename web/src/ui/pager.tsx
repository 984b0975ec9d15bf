import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { pageSlice, pageWindow, type PageWindow } from './paging';
import { QueryError } from './status';

/**
 * Page buttons for a list held in full in the browser. The buttons stay focusable at the ends (aria-disabled rather
 * than disabled), so the keyboard focus is never lost when the last page is reached.
 */
export function Pager({ range, listName, onPage }: { range: PageWindow; listName: string; onPage(page: number): void }) {
  const { t } = useI18n();
  const showing = t('list.showing', { from: range.from, to: range.to, total: range.total });
  if (range.pageCount <= 1) {
    return (
      <p className="list-count" role="status">
        {showing}
      </p>
    );
  }
  const atFirst = range.page <= 1;
  const atLast = range.page >= range.pageCount;
  return (
    <nav className="pager" aria-label={t('list.pages', { list: listName })}>
      <button
        type="button"
        className="button"
        aria-disabled={atFirst}
        onClick={() => (atFirst ? undefined : onPage(range.page - 1))}
      >
        {t('list.previous')}
      </button>
      <p className="list-count" role="status">
        {t('list.pageOf', { page: range.page, pages: range.pageCount })}
        <span className="pager-showing">{showing}</span>
      </p>
      <button
        type="button"
        className="button"
        aria-disabled={atLast}
        onClick={() => (atLast ? undefined : onPage(range.page + 1))}
      >
        {t('list.next')}
      </button>
    </nav>
  );
}

interface LoadMoreProps {
  loaded: number;
  total: number;
  hasNextPage: boolean;
  loadMore(): Promise<unknown>;
}

/**
 * "Load more" for cursor-paged lists: the next page is appended below. When the last page arrives the button goes
 * away; if it had the focus, the count line takes it, so the keyboard user is not sent back to the top.
 */
export function LoadMore({ loaded, total, hasNextPage, loadMore }: LoadMoreProps) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const countRef = useRef<HTMLParagraphElement>(null);
  const buttonHadFocus = useRef(false);

  useEffect(() => {
    if (!hasNextPage && buttonHadFocus.current) {
      buttonHadFocus.current = false;
      countRef.current?.focus();
    }
  }, [hasNextPage]);

  async function load() {
    if (busy) return;
    buttonHadFocus.current = true;
    setBusy(true);
    setError(null);
    try {
      await loadMore();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="load-more">
      <p className="list-count" role="status" ref={countRef} tabIndex={-1}>
        {t('list.loadedOf', { loaded, total })}
      </p>
      {hasNextPage ? (
        <button type="button" className="button" aria-disabled={busy} onClick={() => void load()}>
          {busy ? t('list.loadingMore') : t('list.loadMore')}
        </button>
      ) : null}
      {error ? <QueryError error={error} onRetry={load} /> : null}
    </div>
  );
}

/** The rows of the current page of a list held in full; the page is clamped when the list shrinks. */
export function usePagedRows<Row>(rows: readonly Row[], pageSize: number) {
  const [page, setPage] = useState(1);
  const range = pageWindow(rows.length, pageSize, page);
  return { rows: pageSlice(rows, range), range, setPage };
}
