import { describeError } from '../api/api-error';
import { useI18n } from '../i18n/i18n-context';

/**
 * The error line of a form. Always rendered, so the live region exists before its text changes and screen readers
 * announce it. The raw error is kept (not the sentence), so switching language re-translates it.
 */
export function FormError({ id, error }: { id: string; error: unknown }) {
  const { messages } = useI18n();
  return (
    <p id={id} className="form-error" role="alert" aria-live="assertive">
      {error ? describeError(error, messages) : null}
    </p>
  );
}
