export type AuthErrorCode = 'UNAUTHENTICATED' | 'TOKEN_EXPIRED' | 'GATEWAY_SIGNATURE_INVALID' | 'GATEWAY_SIGNATURE_REPLAYED';

/** Raised when a token or a gateway assertion cannot be trusted. The message is safe to show. */
export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}
