import { useId } from 'react';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/dictionaries';
import type { PageProps } from '../shell/signed-in-routes';

// What the platform will offer next; deliberately a description, not sample numbers.
const COMING_NEXT: MessageKey[] = [
  'home.coming.grants',
  'home.coming.register',
  'home.coming.reconciliation',
  'home.coming.audits',
  'home.coming.accounts',
];

export function HomePage({ account }: PageProps) {
  const { t } = useI18n();
  const comingId = useId();
  return (
    <article className="page home-page">
      <h1>{t('home.title', { name: account.person.displayName })}</h1>
      <p className="lead">{t('home.intro')}</p>
      <section aria-labelledby={comingId} className="card">
        <h2 id={comingId}>{t('home.comingTitle')}</h2>
        <ul className="coming-list">
          {COMING_NEXT.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
      </section>
    </article>
  );
}
