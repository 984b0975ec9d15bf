import { useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { ClientError } from '../api/api-error';
import type { Session } from '../api/session-store';
import { importSigningKey, signChallenge } from '../auth/challenge-signing';
import { parsePemBundle } from '../auth/pem-bundle';
import { useI18n } from '../i18n/i18n-context';
import { FormError } from '../ui/form-error';
import { LOGIN_WITH_CERTIFICATE_MUTATION, REQUEST_CERTIFICATE_CHALLENGE_MUTATION } from './login.operations';

interface CertificateLoginFormProps {
  cityId: string;
  hidden?: boolean;
  onSignedIn(session: Session): Promise<void>;
}

interface LoadedCertificate {
  fileName: string;
  certificatePem: string;
  /** Non-extractable: the key can sign here but cannot be read back out, let alone sent. */
  signingKey: CryptoKey;
}

export function CertificateLoginForm({ cityId, hidden, onSignedIn }: CertificateLoginFormProps) {
  const { t } = useI18n();
  const client = useApolloClient();
  const ids = { file: useId(), hint: useId(), loaded: useId(), error: useId() };
  const fileInput = useRef<HTMLInputElement>(null);
  const latestRead = useRef(0);
  const [certificate, setCertificate] = useState<LoadedCertificate | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    const read = ++latestRead.current;
    setCertificate(null);
    setError(null);
    if (!file) return;
    try {
      const text = await file.text().catch(() => Promise.reject(new ClientError('FILE_UNREADABLE')));
      const bundle = parsePemBundle(text);
      const signingKey = await importSigningKey(bundle.privateKeyPkcs8);
      bundle.privateKeyPkcs8.fill(0); // the CryptoKey holds the key now; do not leave a readable copy around
      if (read === latestRead.current) setCertificate({ fileName: file.name, certificatePem: bundle.certificatePem, signingKey });
    } catch (caught) {
      if (read === latestRead.current) setError(caught);
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!certificate) {
      if (!error) setError(new ClientError('CERTIFICATE_FILE_REQUIRED'));
      fileInput.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { data: challengeData } = await client.mutate({
        mutation: REQUEST_CERTIFICATE_CHALLENGE_MUTATION,
        variables: { cityId },
        fetchPolicy: 'no-cache',
      });
      if (!challengeData) throw new ClientError('UNKNOWN');
      const { id: challengeId, challenge } = challengeData.requestCertificateChallenge;
      const signature = await signChallenge(certificate.signingKey, challenge);
      // Only the certificate and the signature leave the browser.
      const { data } = await client.mutate({
        mutation: LOGIN_WITH_CERTIFICATE_MUTATION,
        variables: { input: { challengeId, certificatePem: certificate.certificatePem, signature } },
        fetchPolicy: 'no-cache',
      });
      if (!data) throw new ClientError('UNKNOWN');
      await onSignedIn(data.loginWithCertificate);
    } catch (caught) {
      // The chosen file stays loaded: pressing the button again asks for a fresh challenge.
      setError(caught);
      setBusy(false);
    }
  }

  const describedBy = [ids.hint, certificate ? ids.loaded : null, error ? ids.error : null].filter(Boolean).join(' ');
  return (
    <form className="login-form" hidden={hidden} aria-busy={busy} onSubmit={submit}>
      <div className="field">
        <label htmlFor={ids.file}>{t('login.certificate.file')}</label>
        <input
          ref={fileInput}
          id={ids.file}
          name="certificate"
          type="file"
          accept=".pem,.crt,.cer,.key,.txt,application/x-pem-file"
          aria-describedby={describedBy}
          aria-invalid={error && !certificate ? true : undefined}
          onChange={readFile}
        />
        <p id={ids.hint} className="field-hint">
          {t('login.certificate.fileHint')}
        </p>
        {certificate ? (
          <p id={ids.loaded} className="field-ok" role="status">
            {t('login.certificate.loaded', { fileName: certificate.fileName })}
          </p>
        ) : null}
      </div>
      <FormError id={ids.error} error={error} />
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('login.submitting') : t('login.certificate.submit')}
      </button>
    </form>
  );
}
