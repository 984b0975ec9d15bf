export {
  createDemoCertificateAuthority,
  issuePersonCertificate,
  DEMO_CA_VALIDITY_YEARS,
  PERSON_CERTIFICATE_DEFAULT_YEARS,
  PERSON_KEY_MODULUS_LENGTH,
} from './demo-ca';
export type {
  DemoCertificateAuthority,
  CreateDemoCertificateAuthorityOptions,
  IssuePersonCertificateOptions,
  IssuedPersonCertificate,
} from './demo-ca';
export { verifyCertificateLogin, fingerprintOf } from './verify-login';
export type { CertificateLoginAttempt, VerifiedCertificateLogin } from './verify-login';
export { signChallenge, CHALLENGE_SIGNATURE_ALGORITHM } from './sign-challenge';
export {
  CertificateLoginError,
  CERTIFICATE_LOGIN_ERROR_CODES,
  isCertificateLoginError,
} from './certificate-login-error';
export type { CertificateLoginErrorCode } from './certificate-login-error';
export { normalizeSerialNumberHex } from './der-encoding';
