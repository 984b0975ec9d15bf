/**
 * Server side of the citizen digital certificate (自然人憑證) login: decides whether a signed
 * challenge proves that the caller holds a valid, trusted, unrevoked certificate, and says which
 * certificate it was. Issuing and expiring the challenge itself is the caller's job.
 */
import { createHash, type webcrypto as WebCrypto } from 'node:crypto';
import { x509, webcrypto } from './x509-runtime';
import { CertificateLoginError } from './certificate-login-error';
import {
  bytesEqual,
  decodeBase64url,
  decodeSingleCertificatePem,
  isSingleDerSequence,
  normalizeSerialNumberHex,
} from './der-encoding';
import { CHALLENGE_SIGNATURE_ALGORITHM } from './sign-challenge';

export interface CertificateLoginAttempt {
  /** The certificate the client presents, PEM. */
  certificatePem: string;
  /** The exact challenge string the server issued and the client signed. */
  challenge: string;
  /** RSASSA-PKCS1-v1_5 / SHA-256 signature over the UTF-8 bytes of `challenge`, base64url. */
  signatureBase64url: string;
  /** Certificates of the CAs allowed to issue login certificates (e.g. MOICA), PEM. */
  trustedCaPems: readonly string[];
  /** Revoked certificate serial numbers, hex (case, colons and leading zeros do not matter). */
  revokedSerials: ReadonlySet<string>;
  now: Date;
}

export interface VerifiedCertificateLogin {
  /** Lowercase hex SHA-256 of the certificate's DER encoding: the key persons are registered by. */
  fingerprintSha256: string;
  /** Lowercase hex, minimal bytes. */
  serialNumber: string;
  subjectCommonName: string;
  notAfter: Date;
}

/**
 * Signature algorithms accepted on a certificate. SHA-1 is excluded on purpose: a certificate signed
 * with it can be forged by a chosen-prefix collision, so old SHA-1 certificates must be refused.
 */
const ACCEPTED_CERTIFICATE_SIGNATURE_SCHEMES = new Set(['RSASSA-PKCS1-v1_5', 'RSA-PSS', 'ECDSA']);
const ACCEPTED_CERTIFICATE_SIGNATURE_HASHES = new Set(['SHA-256', 'SHA-384', 'SHA-512']);

/**
 * Verifies a certificate login, in this order: the certificate parses and holds an RSA key; it was
 * signed by one of the trusted CAs and is meant for signing; it is within its validity period at
 * `now`; its serial number is not revoked; and the signature over the challenge verifies with its
 * public key.
 *
 * Resolves with the certificate's identity, or rejects with a CertificateLoginError. Rejects with a
 * plain Error only when `trustedCaPems` itself is broken — a server misconfiguration, not a refusal.
 */
export async function verifyCertificateLogin(attempt: CertificateLoginAttempt): Promise<VerifiedCertificateLogin> {
  const { now } = attempt;
  const presented = parseCertificate(attempt.certificatePem);
  const subjectCommonName = presented.certificate.subjectName.getField('CN')[0];
  if (!subjectCommonName) {
    throw new CertificateLoginError('CERTIFICATE_MALFORMED', 'The certificate has no subject common name (CN).');
  }
  const loginPublicKey = await importLoginPublicKey(presented.certificate);

  await requireIssuedByTrustedCa(presented.certificate, parseTrustedCas(attempt.trustedCaPems), now);
  requireSigningCertificate(presented.certificate);
  requireWithinValidity(presented.certificate, now);

  const serialNumber = normalizeSerialNumberHex(presented.certificate.serialNumber);
  if (isRevoked(serialNumber, attempt.revokedSerials)) {
    throw new CertificateLoginError(
      'CERTIFICATE_REVOKED',
      `The certificate with serial number ${serialNumber} has been revoked by its CA.`,
    );
  }

  await requireChallengeSignature(loginPublicKey, attempt.challenge, attempt.signatureBase64url);

  return {
    fingerprintSha256: sha256Hex(presented.der),
    serialNumber,
    subjectCommonName,
    notAfter: presented.certificate.notAfter,
  };
}

/** Lowercase hex SHA-256 of the certificate's DER encoding; the same value a login returns. */
export function fingerprintOf(certificatePem: string): string {
  return sha256Hex(parseCertificate(certificatePem).der);
}

interface ParsedCertificate {
  certificate: x509.X509Certificate;
  der: Uint8Array;
}

function parseCertificate(pem: string): ParsedCertificate {
  if (typeof pem !== 'string') {
    throw new CertificateLoginError('CERTIFICATE_MALFORMED', 'No certificate was provided.');
  }
  const der = decodeSingleCertificatePem(pem);
  if (!der) {
    throw new CertificateLoginError(
      'CERTIFICATE_MALFORMED',
      'The certificate is not a PEM document containing exactly one "BEGIN CERTIFICATE" block.',
    );
  }
  if (!isSingleDerSequence(der)) {
    throw new CertificateLoginError(
      'CERTIFICATE_MALFORMED',
      'The certificate is not a single DER-encoded structure (bad length or trailing data).',
    );
  }
  try {
    const certificate = new x509.X509Certificate(der);
    // The library decodes fields lazily; touching them here makes a broken certificate fail as
    // "malformed" now instead of surfacing later as a confusing error from some other check.
    void [
      certificate.subjectName.toJSON(),
      certificate.issuerName.toJSON(),
      certificate.serialNumber,
      certificate.notBefore,
      certificate.notAfter,
      certificate.publicKey,
      certificate.extensions,
    ];
    return { certificate, der };
  } catch (cause) {
    throw new CertificateLoginError('CERTIFICATE_MALFORMED', 'The certificate could not be decoded as X.509.', {
      cause,
    });
  }
}

async function importLoginPublicKey(certificate: x509.X509Certificate): Promise<WebCrypto.CryptoKey> {
  try {
    return await webcrypto.subtle.importKey(
      'spki',
      certificate.publicKey.rawData,
      CHALLENGE_SIGNATURE_ALGORITHM,
      false,
      ['verify'],
    );
  } catch (cause) {
    throw new CertificateLoginError(
      'CERTIFICATE_MALFORMED',
      'The certificate does not hold an RSA public key, which citizen digital certificates do.',
      { cause },
    );
  }
}

function parseTrustedCas(trustedCaPems: readonly string[]): x509.X509Certificate[] {
  return trustedCaPems.map((pem, index) => {
    try {
      return parseCertificate(pem).certificate;
    } catch (cause) {
      throw new Error(`Trusted CA certificate #${index + 1} is not a valid PEM certificate.`, { cause });
    }
  });
}

async function requireIssuedByTrustedCa(
  certificate: x509.X509Certificate,
  trustedCas: readonly x509.X509Certificate[],
  now: Date,
): Promise<void> {
  // A CA certificate verifies under its own key, so without this a trusted CA's key could log in.
  if (certificate.getExtension(x509.BasicConstraintsExtension)?.ca) {
    throw new CertificateLoginError('CERTIFICATE_UNTRUSTED', 'A CA certificate cannot be used to log in.');
  }
  const signatureAlgorithmProblem = unacceptedSignatureAlgorithm(certificate);
  if (signatureAlgorithmProblem) {
    throw new CertificateLoginError('CERTIFICATE_UNTRUSTED', signatureAlgorithmProblem);
  }

  // Matching names only narrows the candidates; trust comes from the CA's signature verifying.
  const issuerNameDer = certificate.issuerName.toArrayBuffer();
  const namedIssuers = trustedCas.filter((ca) => bytesEqual(ca.subjectName.toArrayBuffer(), issuerNameDer));
  if (namedIssuers.length === 0) {
    throw new CertificateLoginError(
      'CERTIFICATE_UNTRUSTED',
      `The certificate was issued by "${certificate.issuer}", which is not a trusted CA.`,
    );
  }

  const refusals: string[] = [];
  for (const ca of namedIssuers) {
    const caProblem = reasonCaCannotIssue(ca, now);
    if (caProblem) {
      refusals.push(`the trusted CA "${ca.subject}" ${caProblem}`);
    } else if (await isSignedBy(certificate, ca)) {
      return;
    } else {
      refusals.push(`its signature does not verify with the key of the trusted CA "${ca.subject}"`);
    }
  }
  throw new CertificateLoginError('CERTIFICATE_UNTRUSTED', `The certificate is not trusted: ${refusals.join('; ')}.`);
}

/**
 * A citizen's card holds a signing certificate and a separate encryption certificate; RFC 5280 key
 * usage says only the former may verify signatures, so only it can be used to log in.
 */
function requireSigningCertificate(certificate: x509.X509Certificate): void {
  const keyUsage = certificate.getExtension(x509.KeyUsagesExtension);
  if (keyUsage && (keyUsage.usages & x509.KeyUsageFlags.digitalSignature) === 0) {
    throw new CertificateLoginError(
      'CERTIFICATE_UNTRUSTED',
      'The certificate is not trusted for signing (its keyUsage lacks digitalSignature); use the signing certificate, not the encryption certificate.',
    );
  }
}

function unacceptedSignatureAlgorithm(certificate: x509.X509Certificate): string | null {
  // Typed loosely: without the DOM lib, WebCrypto's Algorithm type does not resolve in x509's typings.
  let algorithm: { name?: unknown; hash?: unknown };
  try {
    algorithm = certificate.signatureAlgorithm as typeof algorithm;
  } catch {
    return 'The certificate is signed with an algorithm this server does not recognise.';
  }
  const schemeName = typeof algorithm.name === 'string' ? algorithm.name : 'unknown';
  const hashName = algorithmName(algorithm.hash) ?? 'unknown hash';
  if (
    !ACCEPTED_CERTIFICATE_SIGNATURE_SCHEMES.has(schemeName) ||
    !ACCEPTED_CERTIFICATE_SIGNATURE_HASHES.has(hashName.toUpperCase())
  ) {
    return `The certificate is signed with ${schemeName}/${hashName}, which this server does not accept.`;
  }
  return null;
}

function algorithmName(identifier: unknown): string | undefined {
  if (typeof identifier === 'string') return identifier;
  if (identifier && typeof identifier === 'object' && 'name' in identifier && typeof identifier.name === 'string') {
    return identifier.name;
  }
  return undefined;
}

function reasonCaCannotIssue(ca: x509.X509Certificate, now: Date): string | null {
  if (!ca.getExtension(x509.BasicConstraintsExtension)?.ca) {
    return 'is not a CA certificate (basicConstraints cA is not set)';
  }
  const keyUsage = ca.getExtension(x509.KeyUsagesExtension);
  if (keyUsage && (keyUsage.usages & x509.KeyUsageFlags.keyCertSign) === 0) {
    return 'may not sign certificates (keyUsage lacks keyCertSign)';
  }
  if (now.getTime() < ca.notBefore.getTime() || now.getTime() > ca.notAfter.getTime()) {
    return `is outside its validity period (${ca.notBefore.toISOString()} to ${ca.notAfter.toISOString()})`;
  }
  return null;
}

async function isSignedBy(certificate: x509.X509Certificate, ca: x509.X509Certificate): Promise<boolean> {
  try {
    // signatureOnly: validity is checked separately, against the caller's `now` rather than the clock.
    return await certificate.verify({ publicKey: ca.publicKey, signatureOnly: true });
  } catch {
    return false;
  }
}

function requireWithinValidity(certificate: x509.X509Certificate, now: Date): void {
  // RFC 5280 §4.1.2.5: the validity period includes both notBefore and notAfter.
  if (now.getTime() < certificate.notBefore.getTime()) {
    throw new CertificateLoginError(
      'CERTIFICATE_NOT_YET_VALID',
      `The certificate is not valid before ${certificate.notBefore.toISOString()} (now is ${now.toISOString()}).`,
    );
  }
  if (now.getTime() > certificate.notAfter.getTime()) {
    throw new CertificateLoginError(
      'CERTIFICATE_EXPIRED',
      `The certificate expired at ${certificate.notAfter.toISOString()} (now is ${now.toISOString()}).`,
    );
  }
}

function isRevoked(normalizedSerialNumber: string, revokedSerials: ReadonlySet<string>): boolean {
  if (revokedSerials.has(normalizedSerialNumber)) return true;
  // Entries may come from tools that print serials differently (uppercase, colons, leading 00).
  for (const revoked of revokedSerials) {
    if (normalizeSerialNumberHex(revoked) === normalizedSerialNumber) return true;
  }
  return false;
}

async function requireChallengeSignature(publicKey: WebCrypto.CryptoKey, challenge: string, signatureBase64url: string) {
  const signature = typeof signatureBase64url === 'string' ? decodeBase64url(signatureBase64url) : null;
  if (!signature || signature.length === 0) {
    throw new CertificateLoginError('SIGNATURE_INVALID', 'The signature is missing or not base64url.');
  }
  let valid: boolean;
  try {
    valid = await webcrypto.subtle.verify(
      CHALLENGE_SIGNATURE_ALGORITHM,
      publicKey,
      signature,
      new TextEncoder().encode(challenge),
    );
  } catch {
    valid = false;
  }
  if (!valid) {
    throw new CertificateLoginError(
      'SIGNATURE_INVALID',
      "The signature does not verify with the certificate's public key for this challenge.",
    );
  }
}

function sha256Hex(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}
