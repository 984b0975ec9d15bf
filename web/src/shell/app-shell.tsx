import { Suspense, useEffect, useId, useRef } from 'react';
import { useQuery } from '@apollo/client/react';
import { useI18n } from '../i18n/i18n-context';
import { LanguageSwitch } from '../i18n/language-switch';
import { localizedName } from '../i18n/localized-name';
import { Brand } from '../ui/brand';
import { ChunkErrorBoundary } from '../ui/chunk-error-boundary';
import { FormError } from '../ui/form-error';
import { PageLoading } from '../ui/page-loading';
import { ME_QUERY, type Account } from './account.operations';
import { useHashParams, useHashPath } from './hash-path';
import { RouteFocusContext } from './route-focus';
import { routeAllows, SIGNED_IN_ROUTES, visibleRoutes } from './signed-in-routes';
import { Page } from '../ui/page';

interface AppShellProps {
  onLogOut(): Promise<void>;
  /** The gateway knows no account for this token (`me` is null): back to the login page. */
  onSessionLost(): void;
}

export function AppShell({ onLogOut, onSessionLost }: AppShellProps) {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(ME_QUERY);
  const account = data?.me ?? null;
  const main = useRef<HTMLElement>(null);
  const errorId = useId();
  const path = useHashPath();
  // Once the person has gone from one page to another, each new page's heading takes the focus (see route-focus).
  // The parameters count too: opening one audit of the list (`#/audits?id=…`) shows a new page.
  const where = `${path}?${useHashParams().toString()}`;
  const firstWhere = useRef(where);
  const navigated = useRef(false);
  if (where !== firstWhere.current) navigated.current = true;

  // UNAUTHENTICATED / TOKEN_EXPIRED are handled by the Apollo error link; a null `me` means the same thing.
  useEffect(() => {
    if (data && data.me === null) onSessionLost();
  }, [data, onSessionLost]);

  return (
    <div className="shell-layout">
      <button type="button" className="skip-link" onClick={() => main.current?.focus()}>
        {t('app.skipToContent')}
      </button>
      <header className="shell-header">
        <Brand />
        {account ? <AccountSummary account={account} /> : null}
        <div className="shell-actions">
          <LanguageSwitch />
          <button type="button" className="button" onClick={() => void onLogOut()}>
            {t('shell.logout')}
          </button>
        </div>
      </header>
      {account ? <ShellNavigation roles={account.roles} /> : null}
      <main id="main-content" className="shell-main" ref={main} tabIndex={-1}>
        {account ? (
          <RouteFocusContext.Provider value={navigated.current}>
            {/* Keyed by page, so a page that failed to load does not keep the next one from showing. */}
            <ChunkErrorBoundary key={path}>
              <Suspense fallback={<PageLoading />}>
                <CurrentPage account={account} path={path} />
              </Suspense>
            </ChunkErrorBoundary>
          </RouteFocusContext.Provider>
        ) : loading || !error ? (
          <PageLoading label={t('shell.loadingAccount')} />
        ) : (
          <div className="inline-error">
            <p>{t('shell.accountFailed')}</p>
            <FormError id={errorId} error={error} />
            <button type="button" className="button" onClick={() => void refetch().catch(() => undefined)}>
              {t('login.retry')}
            </button>
          </div>
        )}
      </main>
    </div>
  );
}

function AccountSummary({ account }: { account: Account }) {
  const { t, language, roleName } = useI18n();
  return (
    <section className="account-summary" aria-label={t('shell.account')}>
      <p className="account-name">{account.person.displayName}</p>
      <dl className="account-facts">
        <div>
          <dt>{t('shell.agency')}</dt>
          <dd>{localizedName(account.agency, language)}</dd>
        </div>
        <div>
          <dt>{t('shell.city')}</dt>
          <dd>{localizedName(account.city, language)}</dd>
        </div>
        <div>
          <dt>{t('shell.roles')}</dt>
          <dd>
            {account.roles.length > 0 ? (
              <ul className="role-list">
                {account.roles.map((role) => (
                  <li key={role}>{roleName(role)}</li>
                ))}
              </ul>
            ) : (
              t('shell.noRoles')
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function ShellNavigation({ roles }: { roles: string[] }) {
  const { t } = useI18n();
  const path = useHashPath();
  return (
    <nav className="shell-nav" aria-label={t('shell.navigation')}>
      <ul>
        {visibleRoutes(roles).map((route) => (
          <li key={route.path}>
            <a href={`#${route.path}`} aria-current={route.path === path ? 'page' : undefined}>
              {t(route.navLabel)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function CurrentPage({ account, path }: { account: Account; path: string }) {
  const { t, roleName, language } = useI18n();
  const route = SIGNED_IN_ROUTES.find((candidate) => candidate.path === path);
  if (!route) {
    return (
      <Page title={t('notFound.title')}>
        <p>
          <a href="#/">{t('notFound.back')}</a>
        </p>
      </Page>
    );
  }
  if (!routeAllows(route, account.roles)) {
    return (
      <Page title={t('forbidden.title')}>
        <p>{t('forbidden.body', { roles: (route.roles ?? []).map(roleName).join(language === 'en' ? ', ' : '、') })}</p>
        <p>
          <a href="#/">{t('notFound.back')}</a>
        </p>
      </Page>
    );
  }
  return <route.Page account={account} />;
}
