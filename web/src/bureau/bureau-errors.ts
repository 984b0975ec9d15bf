import { describeError, readErrorDetails } from '../api/api-error';
import { interpolate } from '../i18n/dictionaries';
import type { MessageKey, Messages } from '../i18n/dictionaries';

/**
 * Refusals whose reason only the server knows (which city's rules, which citation): the console's sentence says what
 * happened, the server's own message says why, e.g. "Tainan does not use labor-insurance through Custos" or
 * "… rules do not provide for audits by the bureau (Changhua 8(四))".
 */
const WITH_SERVER_REASON = new Set(['FORBIDDEN', 'NO_RULES_IN_FORCE', 'INVALID_RANGE', 'BUREAU_STEP_IS_LAST', 'ONE_CITY']);

/** In words: the bureau pages' own wording for a code (with the server's reason where it names one), else the console's. */
export function describeBureauError(error: unknown, messages: Messages): string {
  const { codes, serverMessage } = readErrorDetails(error);
  for (const code of codes) {
    const key = `bureau.error.${code}`;
    if (key in messages) {
      const sentence = messages[key as MessageKey];
      return WITH_SERVER_REASON.has(code) && serverMessage ? sentence + interpolate(messages['bureau.error.reason' as MessageKey], { reason: serverMessage }) : sentence;
    }
  }
  return describeError(error, messages);
}
