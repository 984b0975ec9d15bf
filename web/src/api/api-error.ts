import { CombinedGraphQLErrors, CombinedProtocolErrors, ServerError, ServerParseError } from '@apollo/client/errors';
import { PemBundleError } from '../auth/pem-bundle';
import { SigningError } from '../auth/challenge-signing';
import type { MessageKey, Messages } from '../i18n/dictionaries';

/**
 * Turns anything a request or the certificate reader can throw into a readable, translated sentence.
 * The gateway puts a machine code in `extensions.code`; the console translates known codes and falls back to
 * the server's own message for codes it does not know yet.
 */

/** Codes the gateway may return for which the console has its own wording. */
export const API_ERROR_CODES = [
  'INVALID_CREDENTIALS',
  'PASSWORD_LOGIN_NOT_ALLOWED',
  'ACCOUNT_LOCKED',
  'ACCOUNT_NOT_ACTIVE',
  'PASSWORD_EXPIRED',
  'UNAUTHENTICATED',
  'TOKEN_EXPIRED',
  'CHALLENGE_EXPIRED',
  'CHALLENGE_USED',
  'CERTIFICATE_MALFORMED',
  'CERTIFICATE_UNTRUSTED',
  'CERTIFICATE_NOT_YET_VALID',
  'CERTIFICATE_EXPIRED',
  'CERTIFICATE_REVOKED',
  'CERTIFICATE_NOT_REGISTERED',
  'SIGNATURE_INVALID',
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'INTERNAL_SERVER_ERROR',
  'INVALID_DATE',
  'INVALID_CURSOR',
  'INVALID_PAGE_SIZE',
] as const;

/** Problems found in the browser, before or instead of a server answer. */
export const CLIENT_ERROR_CODES = [
  'NETWORK_ERROR',
  'UNKNOWN',
  'FILE_UNREADABLE',
  'CERTIFICATE_FILE_REQUIRED',
  'PEM_MALFORMED',
  'PEM_NO_CERTIFICATE',
  'PEM_NO_PRIVATE_KEY',
  'PEM_ENCRYPTED_PRIVATE_KEY',
  'PEM_PKCS1_PRIVATE_KEY',
  'PRIVATE_KEY_UNSUPPORTED',
  'WEBCRYPTO_UNAVAILABLE',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

/** The codes that mean "this token no longer works": the console returns to the login page. */
export const SESSION_LOST_CODES: readonly string[] = ['UNAUTHENTICATED', 'TOKEN_EXPIRED'] satisfies ApiErrorCode[];

/** A problem raised by the console itself, carrying one of its own codes. */
export class ClientError extends Error {
  constructor(readonly code: ClientErrorCode) {
    super(code);
    this.name = 'ClientError';
  }
}

export interface ErrorDetails {
  /** Every `extensions.code` (or client code) found, first one first. */
  codes: string[];
  /** The server's first human message, used when the code has no translation. */
  serverMessage?: string;
}

interface FormattedError {
  message?: unknown;
  extensions?: { code?: unknown } | null;
}

function fromGraphQLErrors(errors: readonly FormattedError[]): ErrorDetails {
  const codes = errors
    .map((error) => error.extensions?.code)
    .filter((code): code is string => typeof code === 'string');
  const message = errors.find((error) => typeof error.message === 'string' && error.message !== '')?.message;
  return { codes, serverMessage: typeof message === 'string' ? message : undefined };
}

// Gateway outage behind a proxy (vite dev, a load balancer) reads as "cannot reach the server".
const UNREACHABLE_STATUSES = new Set([502, 503, 504]);

/** Reads the codes out of whatever was thrown; pure, so it is unit-tested directly. */
export function readErrorDetails(error: unknown): ErrorDetails {
  if (error instanceof PemBundleError || error instanceof SigningError || error instanceof ClientError) {
    return { codes: [error.code] };
  }
  if (CombinedGraphQLErrors.is(error) || CombinedProtocolErrors.is(error)) {
    return fromGraphQLErrors(error.errors);
  }
  if (ServerError.is(error)) {
    // Non-2xx answers often still carry a GraphQL error body (e.g. 400 BAD_USER_INPUT, 401 UNAUTHENTICATED).
    const details = fromGraphQLErrors(graphQLErrorsInBody(error.bodyText));
    if (details.codes.length > 0) return details;
    const fallback =
      error.statusCode === 401
        ? 'UNAUTHENTICATED' // a bare 401 from the gateway or a proxy in front of it: the token was refused
        : UNREACHABLE_STATUSES.has(error.statusCode)
          ? 'NETWORK_ERROR'
          : 'INTERNAL_SERVER_ERROR';
    return { codes: [fallback], serverMessage: details.serverMessage };
  }
  if (ServerParseError.is(error)) return { codes: ['INTERNAL_SERVER_ERROR'] };
  // fetch() rejects with a TypeError when the server cannot be reached at all.
  if (error instanceof TypeError) return { codes: ['NETWORK_ERROR'] };
  return { codes: [], serverMessage: error instanceof Error && error.message ? error.message : undefined };
}

function graphQLErrorsInBody(bodyText: string): FormattedError[] {
  try {
    const body: unknown = JSON.parse(bodyText);
    if (body && typeof body === 'object' && Array.isArray((body as { errors?: unknown }).errors)) {
      return (body as { errors: FormattedError[] }).errors;
    }
  } catch {
    // Not JSON: nothing to read.
  }
  return [];
}

function translationKey(code: string, messages: Messages): MessageKey | undefined {
  const key = `error.${code}`;
  return key in messages ? (key as MessageKey) : undefined;
}

/** The sentence to show a person for an error, in the current language. */
export function describeError(error: unknown, messages: Messages): string {
  const { codes, serverMessage } = readErrorDetails(error);
  for (const code of codes) {
    const key = translationKey(code, messages);
    if (key) return messages[key];
  }
  return serverMessage ?? messages['error.UNKNOWN'];
}

export function errorCodes(error: unknown): string[] {
  return readErrorDetails(error).codes;
}
