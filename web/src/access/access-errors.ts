import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { describeError, errorCodes } from '../api/api-error';
import type { MessageKey, Messages } from '../i18n/dictionaries';

/**
 * The access area's errors: the gateway names the input field a refusal is about (`extensions.field`, e.g.
 * "itemsToAdd" or "businessItem.nameZh"); the form shows the sentence next to that field, and elsewhere at the top.
 */
export function errorField(error: unknown): string | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const field = error.errors.find((entry) => typeof entry.extensions?.field === 'string')?.extensions?.field;
  return typeof field === 'string' ? field : null;
}

/** In words: the access area's own wording for its codes, else the console's, else the server's message. */
export function describeAccessError(error: unknown, messages: Messages): string {
  for (const code of errorCodes(error)) {
    const key = `access.error.${code}`;
    if (key in messages) return messages[key as MessageKey];
  }
  return describeError(error, messages);
}

export function errorCode(error: unknown): string | undefined {
  return errorCodes(error)[0];
}
