import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloProvider } from '@apollo/client/react';
import { createApolloClient, GATEWAY_PATH } from './api/apollo-client';
import { createSessionRefresher, gatewayRefreshExchange, gatewaySessionRevoke } from './api/session-refresh';
import { createSessionStore } from './api/session-store';
import { I18nProvider } from './i18n/i18n-context';
import { App } from './app';
import './styles.css';

function tabStorage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

const sessions = createSessionStore(tabStorage());
const refresher = createSessionRefresher(sessions, gatewayRefreshExchange(GATEWAY_PATH), { revoke: gatewaySessionRevoke(GATEWAY_PATH) });
const client = createApolloClient(sessions, refresher);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <ApolloProvider client={client}>
        <App sessions={sessions} endSession={refresher.logOut} />
      </ApolloProvider>
    </I18nProvider>
  </StrictMode>,
);
