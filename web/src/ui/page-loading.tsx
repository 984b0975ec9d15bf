import { useI18n } from '../i18n/i18n-context';

export function PageLoading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="page-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('app.loading')}</span>
    </div>
  );
}
