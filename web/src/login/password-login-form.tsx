import { useId, useState, type FormEvent } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { ClientError } from '../api/api-error';
import type { Session } from '../api/session-store';
import { useI18n } from '../i18n/i18n-context';
import { FormError } from '../ui/form-error';
import { LOGIN_WITH_PASSWORD_MUTATION } from './login.operations';

interface PasswordLoginFormProps {
  cityId: string;
  hidden?: boolean;
  onSignedIn(session: Session): Promise<void>;
}

export function PasswordLoginForm({ cityId, hidden, onSignedIn }: PasswordLoginFormProps) {
  const { t } = useI18n();
  const client = useApolloClient();
  const ids = { username: useId(), password: useId(), error: useId() };
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const { data } = await client.mutate({
        mutation: LOGIN_WITH_PASSWORD_MUTATION,
        variables: { input: { cityId, username: username.trim(), password } },
        fetchPolicy: 'no-cache', // the token is kept only in the session store
      });
      if (!data) throw new ClientError('UNKNOWN');
      await onSignedIn(data.loginWithPassword);
    } catch (caught) {
      // Fields keep what was typed, so the person corrects rather than retypes.
      setError(caught);
      setBusy(false);
    }
  }

  const describedBy = error ? ids.error : undefined;
  return (
    <form className="login-form" hidden={hidden} aria-busy={busy} onSubmit={submit}>
      <div className="field">
        <label htmlFor={ids.username}>{t('login.password.username')}</label>
        <input
          id={ids.username}
          name="username"
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={username}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setUsername(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.password}>{t('login.password.password')}</label>
        <input
          id={ids.password}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setPassword(event.target.value)}
        />
      </div>
      <FormError id={ids.error} error={error} />
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('login.submitting') : t('login.password.submit')}
      </button>
    </form>
  );
}
