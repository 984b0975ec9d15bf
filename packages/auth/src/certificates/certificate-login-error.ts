export const CERTIFICATE_LOGIN_ERROR_CODES = [
  'CERTIFICATE_MALFORMED',
  'CERTIFICATE_UNTRUSTED',
  'CERTIFICATE_NOT_YET_VALID',
  'CERTIFICATE_EXPIRED',
  'CERTIFICATE_REVOKED',
  'SIGNATURE_INVALID',
] as const;

export type CertificateLoginErrorCode = (typeof CERTIFICATE_LOGIN_ERROR_CODES)[number];

/**
 * What an official sees. Kept generic on purpose: the English `message` carries the technical
 * detail for logs and support, while this text is safe to show in the console as is.
 */
const MESSAGES_ZH_TW: Record<CertificateLoginErrorCode, string> = {
  CERTIFICATE_MALFORMED: '憑證格式錯誤，無法讀取。',
  CERTIFICATE_UNTRUSTED: '憑證並非由本平台信任的憑證機構簽發。',
  CERTIFICATE_NOT_YET_VALID: '憑證尚未生效。',
  CERTIFICATE_EXPIRED: '憑證已逾有效期限。',
  CERTIFICATE_REVOKED: '憑證已被廢止。',
  SIGNATURE_INVALID: '簽章驗證失敗，請確認使用的憑證與私鑰相符，並重新取得登入挑戰後再試一次。',
};

/** A refused certificate login. `code` is stable and meant for programs; `message` for people. */
export class CertificateLoginError extends Error {
  override readonly name = 'CertificateLoginError';
  readonly code: CertificateLoginErrorCode;
  readonly messageZhTw: string;

  constructor(code: CertificateLoginErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.messageZhTw = MESSAGES_ZH_TW[code];
  }
}

export function isCertificateLoginError(error: unknown): error is CertificateLoginError {
  return error instanceof CertificateLoginError;
}
