/**
 * A stand-in for MOICA (內政部憑證管理中心) so the demo and the tests can issue citizen-style
 * certificates. Never use it for anything real: the CA private key is handed around as a PEM string.
 */
import { createHash } from 'node:crypto';
import { x509, webcrypto } from './x509-runtime';
import type { webcrypto as WebCrypto } from 'node:crypto';
import { normalizeSerialNumberHex } from './der-encoding';

export interface DemoCertificateAuthority {
  certificatePem: string;
  /** PKCS#8 PEM. */
  privateKeyPem: string;
}

export interface CreateDemoCertificateAuthorityOptions {
  commonName: string;
  /** Start of the 10-year validity period; defaults to the current time. */
  now?: Date;
  /** 3072 by default because the CA lives ten years; tests may pass 2048 to save time. */
  modulusLength?: 2048 | 3072;
}

export interface IssuePersonCertificateOptions {
  /** The person's name, e.g. 王小明. */
  commonName: string;
  /** The X.520 serialNumber subject attribute citizen certificates carry (printable characters only). */
  serialNumberAttribute?: string;
  /** Defaults to one minute ago. */
  notBefore?: Date;
  /** Defaults to PERSON_CERTIFICATE_DEFAULT_YEARS after notBefore. */
  notAfter?: Date;
}

export interface IssuedPersonCertificate {
  certificatePem: string;
  /** PKCS#8 PEM — what the console's key file holds. */
  privateKeyPem: string;
  /** Lowercase hex, minimal bytes (see normalizeSerialNumberHex). */
  serialNumber: string;
  /** Lowercase hex SHA-256 of the certificate's DER encoding. */
  fingerprintSha256: string;
}

export const DEMO_CA_VALIDITY_YEARS = 10;
export const PERSON_CERTIFICATE_DEFAULT_YEARS = 5;
/** Persons get 2048-bit keys: what MOICA cards hold, and fast enough to generate per test run. */
export const PERSON_KEY_MODULUS_LENGTH = 2048;

/** X.520 serialNumber; @peculiar/x509 has no short name for it. */
const SERIAL_NUMBER_ATTRIBUTE_OID = '2.5.4.5';
const RSA_PUBLIC_EXPONENT_65537 = new Uint8Array([0x01, 0x00, 0x01]);
const SIGNING_ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
/**
 * Backdating a default notBefore keeps a login made right after issuing from being refused as
 * "not yet valid" because of small clock differences between the machines involved.
 */
const DEFAULT_NOT_BEFORE_BACKDATE_MS = 60_000;

export async function createDemoCertificateAuthority(
  options: CreateDemoCertificateAuthorityOptions,
): Promise<DemoCertificateAuthority> {
  const commonName = requireNonEmpty(options.commonName, 'commonName');
  const notBefore = options.now ?? new Date();
  const notAfter = addUtcYears(notBefore, DEMO_CA_VALIDITY_YEARS);
  const keys = await generateRsaKeyPair(options.modulusLength ?? 3072);

  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomPositiveSerialNumberHex(),
    name: new x509.Name([{ C: [{ printableString: 'TW' }] }, { CN: [{ utf8String: commonName }] }]),
    notBefore,
    notAfter,
    signingAlgorithm: SIGNING_ALGORITHM,
    keys,
    extensions: [
      // pathLength 0: the demo CA issues only end-entity (person) certificates, never sub-CAs.
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });

  return {
    certificatePem: toPemFile(certificate.toString('pem')),
    privateKeyPem: await exportPkcs8Pem(keys.privateKey),
  };
}

export async function issuePersonCertificate(
  ca: DemoCertificateAuthority,
  options: IssuePersonCertificateOptions,
): Promise<IssuedPersonCertificate> {
  const commonName = requireNonEmpty(options.commonName, 'commonName');
  if (options.serialNumberAttribute !== undefined && !x509.Name.isPrintableString(options.serialNumberAttribute)) {
    throw new Error('serialNumberAttribute must consist of X.520 printable characters (letters, digits, space, \'()+,-./:=?).');
  }
  const notBefore = options.notBefore ?? new Date(Date.now() - DEFAULT_NOT_BEFORE_BACKDATE_MS);
  const notAfter = options.notAfter ?? addUtcYears(notBefore, PERSON_CERTIFICATE_DEFAULT_YEARS);
  if (notAfter.getTime() <= notBefore.getTime()) {
    throw new Error(`notAfter (${notAfter.toISOString()}) must be later than notBefore (${notBefore.toISOString()}).`);
  }

  const caCertificate = new x509.X509Certificate(ca.certificatePem);
  const caPrivateKey = await webcrypto.subtle.importKey(
    'pkcs8',
    x509.PemConverter.decode(ca.privateKeyPem)[0],
    SIGNING_ALGORITHM,
    false,
    ['sign'],
  );
  const personKeys = await generateRsaKeyPair(PERSON_KEY_MODULUS_LENGTH);

  const subject = new x509.Name([
    { C: [{ printableString: 'TW' }] },
    // UTF8String, as RFC 5280 asks of new certificates and as Chinese names need anyway. Values are
    // given as typed objects because plain strings get DN-string processing ('#…' is read as hex).
    { CN: [{ utf8String: commonName }] },
    ...(options.serialNumberAttribute === undefined
      ? []
      : [{ [SERIAL_NUMBER_ATTRIBUTE_OID]: [{ printableString: options.serialNumberAttribute }] }]),
  ]);

  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomPositiveSerialNumberHex(),
    subject,
    // The parsed Name re-encodes to the CA's exact subject bytes, which chain building compares.
    issuer: caCertificate.subjectName,
    notBefore,
    notAfter,
    signingAlgorithm: SIGNING_ALGORITHM,
    signingKey: caPrivateKey,
    publicKey: personKeys.publicKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      // A signing certificate: the card's separate encryption certificate must not be usable to log in.
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      await x509.SubjectKeyIdentifierExtension.create(personKeys.publicKey),
      await authorityKeyIdentifierFor(caCertificate),
    ],
  });

  return {
    certificatePem: toPemFile(certificate.toString('pem')),
    privateKeyPem: await exportPkcs8Pem(personKeys.privateKey),
    serialNumber: normalizeSerialNumberHex(certificate.serialNumber),
    fingerprintSha256: createHash('sha256').update(new Uint8Array(certificate.rawData)).digest('hex'),
  };
}

async function generateRsaKeyPair(modulusLength: number): Promise<WebCrypto.CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(
    { ...SIGNING_ALGORITHM, modulusLength, publicExponent: RSA_PUBLIC_EXPONENT_65537 },
    // Extractable so the private key can be written out as the PEM the console loads.
    true,
    ['sign', 'verify'],
  )) as WebCrypto.CryptoKeyPair;
}

async function exportPkcs8Pem(privateKey: WebCrypto.CryptoKey): Promise<string> {
  return toPemFile(x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', privateKey), 'PRIVATE KEY'));
}

async function authorityKeyIdentifierFor(caCertificate: x509.X509Certificate): Promise<x509.Extension> {
  // Reusing the CA's own subjectKeyIdentifier guarantees the two match, whatever method made it.
  const caKeyIdentifier = caCertificate.getExtension(x509.SubjectKeyIdentifierExtension);
  return caKeyIdentifier
    ? new x509.AuthorityKeyIdentifierExtension(caKeyIdentifier.keyId)
    : x509.AuthorityKeyIdentifierExtension.create(caCertificate.publicKey);
}

/**
 * 16 random bytes with the top bit cleared (a DER INTEGER serial must be positive, and this way no
 * tool prints a leading 00) and a non-zero first byte (so every tool prints the same 32 digits).
 */
function randomPositiveSerialNumberHex(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] & 0x7f) || 0x01;
  return Buffer.from(bytes).toString('hex');
}

function addUtcYears(date: Date, years: number): Date {
  const result = new Date(date.getTime());
  result.setUTCFullYear(result.getUTCFullYear() + years);
  return result;
}

function requireNonEmpty(value: string, field: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new Error(`${field} must not be empty.`);
  return trimmed;
}

function toPemFile(pem: string): string {
  return `${pem.replace(/\r\n/g, '\n').trimEnd()}\n`;
}
