import { useI18n } from '../i18n/i18n-context';

export function Brand() {
  const { t } = useI18n();
  return (
    <div className="brand">
      <span className="brand-mark" aria-hidden="true" />
      <span className="brand-name">{t('app.name')}</span>
      <span className="brand-tagline">{t('app.tagline')}</span>
    </div>
  );
}
