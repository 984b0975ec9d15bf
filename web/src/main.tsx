import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloProvider } from '@apollo/client/react';
import { createApolloClient } from './api/apollo-client';
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
const client = createApolloClient(sessions);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <ApolloProvider client={client}>
        <App sessions={sessions} />
      </ApolloProvider>
    </I18nProvider>
  </StrictMode>,
);
