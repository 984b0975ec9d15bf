import { useId, useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { FormError } from '../ui/form-error';

/** "Load more" for cursor lists whose total the gateway does not give. */
export function MoreButton({ loadMore }: { loadMore(): Promise<unknown> }) {
  const { t } = useI18n();
  const errorId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function load() {
    if (busy) return;
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
      <button type="button" className="button" aria-disabled={busy} onClick={() => void load()}>
        {busy ? t('list.loadingMore') : t('list.loadMore')}
      </button>
      <FormError id={errorId} error={error} />
    </div>
  );
}
