import { Component, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context';

/**
 * Pages are lazy-loaded chunks; after a deployment an old tab can ask for a chunk that no longer exists.
 * Instead of a blank screen, offer a reload.
 */
export class ChunkErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? <LoadFailed /> : this.props.children;
  }
}

function LoadFailed() {
  const { t } = useI18n();
  return (
    <div className="load-failed" role="alert">
      <p>{t('app.loadFailed')}</p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t('app.reload')}
      </button>
    </div>
  );
}
