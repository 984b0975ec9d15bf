import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { PemBundleError } from '../auth/pem-bundle';
import { SigningError } from '../auth/challenge-signing';
import { dictionaries } from '../i18n/dictionaries';
import { API_ERROR_CODES, CLIENT_ERROR_CODES, ClientError, describeError, errorCodes } from './api-error';

const zhTW = dictionaries['zh-TW'];
const en = dictionaries.en;

function graphQLError(code: string | undefined, message = 'server says no') {
  return new CombinedGraphQLErrors({
    data: null,
    errors: [{ message, extensions: code ? { code } : {} }],
  });
}

function serverError(status: number, bodyText: string) {
  return new ServerError('Response not successful', {
    response: new Response(bodyText, { status }),
    bodyText,
  });
}

describe('describeError', () => {
  it('has a translation for every code in both languages', () => {
    for (const code of [...API_ERROR_CODES, ...CLIENT_ERROR_CODES]) {
      expect(zhTW, code).toHaveProperty([`error.${code}`]);
      expect(en, code).toHaveProperty([`error.${code}`]);
    }
  });

  it('translates a GraphQL error by extensions.code', () => {
    expect(describeError(graphQLError('INVALID_CREDENTIALS'), en)).toBe('The username or password is incorrect.');
    expect(describeError(graphQLError('INVALID_CREDENTIALS'), zhTW)).toBe('帳號或密碼不正確。');
  });

  it("falls back to the server's message for an unknown code, then to a generic sentence", () => {
    expect(describeError(graphQLError('GRANT_NOT_HELD', 'The agency does not hold this item.'), en)).toBe(
      'The agency does not hold this item.',
    );
    expect(describeError(graphQLError(undefined, 'Something specific'), en)).toBe('Something specific');
    expect(describeError(new CombinedGraphQLErrors({ errors: [{ message: '' }] }), en)).toBe(en['error.UNKNOWN']);
    expect(describeError({ weird: true }, en)).toBe(en['error.UNKNOWN']);
  });

  it('reads the GraphQL error body of a non-2xx response', () => {
    const body = JSON.stringify({ errors: [{ message: 'expired', extensions: { code: 'TOKEN_EXPIRED' } }] });
    expect(errorCodes(serverError(401, body))).toEqual(['TOKEN_EXPIRED']);
    expect(describeError(serverError(401, body), en)).toBe(en['error.TOKEN_EXPIRED']);
  });

  it('reads a bare 401 as UNAUTHENTICATED, so the console returns to login', () => {
    expect(errorCodes(serverError(401, 'Unauthorized'))).toEqual(['UNAUTHENTICATED']);
  });

  it('treats an unreachable gateway as a network error and other failures as a server error', () => {
    expect(describeError(new TypeError('Failed to fetch'), en)).toBe(en['error.NETWORK_ERROR']);
    expect(describeError(serverError(502, '<html>Bad gateway</html>'), en)).toBe(en['error.NETWORK_ERROR']);
    expect(describeError(serverError(500, 'oops'), en)).toBe(en['error.INTERNAL_SERVER_ERROR']);
    const parseError = new ServerParseError(new SyntaxError('Unexpected token <'), {
      response: new Response('<html>', { status: 200 }),
      bodyText: '<html>',
    });
    expect(describeError(parseError, en)).toBe(en['error.INTERNAL_SERVER_ERROR']);
  });

  it("translates the console's own certificate problems", () => {
    expect(describeError(new PemBundleError('PEM_NO_PRIVATE_KEY'), en)).toBe(en['error.PEM_NO_PRIVATE_KEY']);
    expect(describeError(new SigningError('WEBCRYPTO_UNAVAILABLE'), zhTW)).toBe(zhTW['error.WEBCRYPTO_UNAVAILABLE']);
    expect(describeError(new ClientError('CERTIFICATE_FILE_REQUIRED'), en)).toBe(en['error.CERTIFICATE_FILE_REQUIRED']);
  });
});

describe('errorCodes', () => {
  it('lists every code, so a session loss is seen even behind another error', () => {
    const combined = new CombinedGraphQLErrors({
      errors: [
        { message: 'a', extensions: { code: 'FORBIDDEN' } },
        { message: 'b', extensions: { code: 'UNAUTHENTICATED' } },
      ],
    });
    expect(errorCodes(combined)).toEqual(['FORBIDDEN', 'UNAUTHENTICATED']);
  });
});
