import { X509Certificate as NodeX509Certificate, type webcrypto as WebCrypto } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { CertificateLoginError, type CertificateLoginErrorCode } from './certificate-login-error';
import {
  createDemoCertificateAuthority,
  issuePersonCertificate,
  type DemoCertificateAuthority,
  type IssuedPersonCertificate,
} from './demo-ca';
import { signChallenge } from './sign-challenge';
import { fingerprintOf, verifyCertificateLogin, type CertificateLoginAttempt } from './verify-login';
import { webcrypto, x509 } from './x509-runtime';

const NOW = new Date('2025-06-01T00:00:00Z');
const CHALLENGE = 'custos-login:v1:nonce=q7Xw2p9LkS0:expires=2025-06-01T00:05:00.000Z';
const CA_NAME = 'Custos Demo MOICA';

let trustedCa: DemoCertificateAuthority;
let unknownCa: DemoCertificateAuthority;
/** Same subject name as the trusted CA, different key. */
let impostorCa: DemoCertificateAuthority;
/** Valid 2010–2020, so expired at NOW. */
let expiredCa: DemoCertificateAuthority;

let person: IssuedPersonCertificate;
let otherPerson: IssuedPersonCertificate;
let expiredPerson: IssuedPersonCertificate;
let notYetValidPerson: IssuedPersonCertificate;
let personOfUnknownCa: IssuedPersonCertificate;
let personOfImpostorCa: IssuedPersonCertificate;
let personOfExpiredCa: IssuedPersonCertificate;
let personIssuedByPerson: IssuedPersonCertificate;
/** Self-signed, non-CA, subject copied from the trusted CA. */
let selfSignedLookalike: { certificatePem: string; privateKeyPem: string };
let signedWithSha1: { certificatePem: string; privateKeyPem: string };
let ecdsaKeyCertificatePem: string;
/** keyUsage keyEncipherment only, like the encryption certificate on a citizen's card. */
let encryptionCertificate: { certificatePem: string; privateKeyPem: string };

const RSA_2048 = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
} as const;

beforeAll(async () => {
  [trustedCa, unknownCa, impostorCa, expiredCa] = await Promise.all([
    createDemoCertificateAuthority({ commonName: CA_NAME, now: new Date('2020-01-01T00:00:00Z'), modulusLength: 2048 }),
    createDemoCertificateAuthority({ commonName: 'Some Other CA', now: new Date('2020-01-01T00:00:00Z'), modulusLength: 2048 }),
    createDemoCertificateAuthority({ commonName: CA_NAME, now: new Date('2020-01-01T00:00:00Z'), modulusLength: 2048 }),
    createDemoCertificateAuthority({ commonName: 'Retired CA', now: new Date('2010-01-01T00:00:00Z'), modulusLength: 2048 }),
  ]);
  const current = { notBefore: new Date('2025-01-01T00:00:00Z'), notAfter: new Date('2029-12-31T00:00:00Z') };
  [
    person,
    otherPerson,
    expiredPerson,
    notYetValidPerson,
    personOfUnknownCa,
    personOfImpostorCa,
    personOfExpiredCa,
    selfSignedLookalike,
    signedWithSha1,
    ecdsaKeyCertificatePem,
    encryptionCertificate,
  ] = await Promise.all([
    issuePersonCertificate(trustedCa, { commonName: '王小明', serialNumberAttribute: '0000000112345678', ...current }),
    issuePersonCertificate(trustedCa, { commonName: '陳大文', ...current }),
    issuePersonCertificate(trustedCa, {
      commonName: '李過期',
      notBefore: new Date('2020-06-01T00:00:00Z'),
      notAfter: new Date('2025-05-31T23:59:59Z'),
    }),
    issuePersonCertificate(trustedCa, {
      commonName: '張未來',
      notBefore: new Date('2025-06-01T00:00:01Z'),
      notAfter: new Date('2029-06-01T00:00:00Z'),
    }),
    issuePersonCertificate(unknownCa, { commonName: '王小明', ...current }),
    issuePersonCertificate(impostorCa, { commonName: '王小明', ...current }),
    issuePersonCertificate(expiredCa, { commonName: '王小明', ...current }),
    createSelfSignedLookalike(),
    issueSignedWithSha1(),
    issueCertificateWithEcdsaKey(),
    issueEncryptionCertificate(),
  ]);
  // A person's certificate used as if it were a CA: its signature is real, its authority is not.
  personIssuedByPerson = await issuePersonCertificate(person, { commonName: '冒名者', ...current });
}, 60_000);

async function createSelfSignedLookalike() {
  const keys = (await webcrypto.subtle.generateKey(RSA_2048, true, ['sign', 'verify'])) as WebCrypto.CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: new x509.X509Certificate(trustedCa.certificatePem).subjectName,
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date('2029-12-31T00:00:00Z'),
    signingAlgorithm: RSA_2048,
    keys,
  });
  return { certificatePem: certificate.toString('pem'), privateKeyPem: await toPkcs8Pem(keys.privateKey) };
}

async function issueSignedWithSha1() {
  // WebCrypto takes the RSA hash from the key, so the CA key is imported bound to SHA-1.
  const caSha1Key = await webcrypto.subtle.importKey(
    'pkcs8',
    x509.PemConverter.decode(trustedCa.privateKeyPem)[0],
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' },
    false,
    ['sign'],
  );
  const keys = (await webcrypto.subtle.generateKey(RSA_2048, true, ['sign', 'verify'])) as WebCrypto.CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: '02',
    subject: 'C=TW, CN=SHA1 Person',
    issuer: new x509.X509Certificate(trustedCa.certificatePem).subjectName,
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date('2029-12-31T00:00:00Z'),
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' },
    signingKey: caSha1Key,
    publicKey: keys.publicKey,
  });
  return { certificatePem: certificate.toString('pem'), privateKeyPem: await toPkcs8Pem(keys.privateKey) };
}

async function issueCertificateWithEcdsaKey() {
  const caKey = await webcrypto.subtle.importKey(
    'pkcs8',
    x509.PemConverter.decode(trustedCa.privateKeyPem)[0],
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as WebCrypto.CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: '03',
    subject: 'C=TW, CN=EC Person',
    issuer: new x509.X509Certificate(trustedCa.certificatePem).subjectName,
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date('2029-12-31T00:00:00Z'),
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    signingKey: caKey,
    publicKey: keys.publicKey,
  });
  return certificate.toString('pem');
}

async function issueEncryptionCertificate() {
  const caKey = await webcrypto.subtle.importKey(
    'pkcs8',
    x509.PemConverter.decode(trustedCa.privateKeyPem)[0],
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const keys = (await webcrypto.subtle.generateKey(RSA_2048, true, ['sign', 'verify'])) as WebCrypto.CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: '04',
    subject: 'C=TW, CN=Encryption Person',
    issuer: new x509.X509Certificate(trustedCa.certificatePem).subjectName,
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date('2029-12-31T00:00:00Z'),
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    signingKey: caKey,
    publicKey: keys.publicKey,
    extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyEncipherment, true)],
  });
  return { certificatePem: certificate.toString('pem'), privateKeyPem: await toPkcs8Pem(keys.privateKey) };
}

async function toPkcs8Pem(privateKey: WebCrypto.CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', privateKey), 'PRIVATE KEY');
}

/** A login attempt that succeeds unless a test overrides part of it. */
async function attemptBy(
  holder: { certificatePem: string; privateKeyPem: string },
  overrides: Partial<CertificateLoginAttempt> = {},
): Promise<CertificateLoginAttempt> {
  return {
    certificatePem: holder.certificatePem,
    challenge: CHALLENGE,
    signatureBase64url: await signChallenge(holder.privateKeyPem, CHALLENGE),
    trustedCaPems: [trustedCa.certificatePem],
    revokedSerials: new Set(),
    now: NOW,
    ...overrides,
  };
}

async function refusalOf(attempt: CertificateLoginAttempt): Promise<CertificateLoginError> {
  const error = await verifyCertificateLogin(attempt).then(
    (result) => {
      throw new Error(`Expected the login to be refused, but it succeeded for ${result.subjectCommonName}.`);
    },
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(CertificateLoginError);
  return error as CertificateLoginError;
}

async function expectRefused(attempt: CertificateLoginAttempt, code: CertificateLoginErrorCode, message?: RegExp) {
  const error = await refusalOf(attempt);
  expect(error.code).toBe(code);
  expect(error.messageZhTw).not.toBe('');
  if (message) expect(error.message).toMatch(message);
}

describe('verifyCertificateLogin accepts', () => {
  it('a valid certificate from the trusted CA with a signature over the challenge', async () => {
    const result = await verifyCertificateLogin(await attemptBy(person));

    expect(result).toEqual({
      fingerprintSha256: person.fingerprintSha256,
      serialNumber: person.serialNumber,
      subjectCommonName: '王小明',
      notAfter: new Date('2029-12-31T00:00:00Z'),
    });
  });

  it('returns the fingerprint OpenSSL computes, and the same one fingerprintOf gives', async () => {
    const result = await verifyCertificateLogin(await attemptBy(person));
    const openssl = new NodeX509Certificate(person.certificatePem).fingerprint256.replace(/:/g, '').toLowerCase();

    expect(result.fingerprintSha256).toBe(openssl);
    expect(fingerprintOf(person.certificatePem)).toBe(openssl);
  });

  it('tells different people apart by fingerprint', async () => {
    const result = await verifyCertificateLogin(await attemptBy(otherPerson));
    expect(result.fingerprintSha256).toBe(otherPerson.fingerprintSha256);
    expect(result.fingerprintSha256).not.toBe(person.fingerprintSha256);
    expect(result.subjectCommonName).toBe('陳大文');
  });

  it('a challenge containing non-ASCII text, signed as UTF-8', async () => {
    const challenge = `${CHALLENGE}:臺北市政府社會局`;
    const attempt = await attemptBy(person, {
      challenge,
      signatureBase64url: await signChallenge(person.privateKeyPem, challenge),
    });
    await expect(verifyCertificateLogin(attempt)).resolves.toMatchObject({ subjectCommonName: '王小明' });
  });

  it('a PEM saved with Windows line endings', async () => {
    const attempt = await attemptBy(person, { certificatePem: person.certificatePem.replace(/\n/g, '\r\n') });
    await expect(verifyCertificateLogin(attempt)).resolves.toMatchObject({ fingerprintSha256: person.fingerprintSha256 });
  });

  it('when several CAs are trusted, including one with the same name as the real issuer', async () => {
    const attempt = await attemptBy(person, {
      trustedCaPems: [unknownCa.certificatePem, impostorCa.certificatePem, trustedCa.certificatePem],
    });
    await expect(verifyCertificateLogin(attempt)).resolves.toMatchObject({ fingerprintSha256: person.fingerprintSha256 });
  });

  it('at the first and the last instant of the validity period (both inclusive)', async () => {
    await expect(
      verifyCertificateLogin(await attemptBy(expiredPerson, { now: new Date('2025-05-31T23:59:59Z') })),
    ).resolves.toMatchObject({ subjectCommonName: '李過期' });
    await expect(
      verifyCertificateLogin(await attemptBy(notYetValidPerson, { now: new Date('2025-06-01T00:00:01Z') })),
    ).resolves.toMatchObject({ subjectCommonName: '張未來' });
  });

  it('when other serial numbers are revoked', async () => {
    const attempt = await attemptBy(person, { revokedSerials: new Set([otherPerson.serialNumber]) });
    await expect(verifyCertificateLogin(attempt)).resolves.toMatchObject({ serialNumber: person.serialNumber });
  });
});

describe('verifyCertificateLogin refuses with SIGNATURE_INVALID', () => {
  it('a signature made with another person’s key (forged)', async () => {
    const attempt = await attemptBy(person, {
      signatureBase64url: await signChallenge(otherPerson.privateKeyPem, CHALLENGE),
    });
    await expectRefused(attempt, 'SIGNATURE_INVALID');
  });

  it('a genuine signature over a different challenge (replay of an old one)', async () => {
    const attempt = await attemptBy(person, {
      signatureBase64url: await signChallenge(person.privateKeyPem, `${CHALLENGE}-previous`),
    });
    await expectRefused(attempt, 'SIGNATURE_INVALID');
  });

  it('a signature with one bit flipped', async () => {
    const signature = Buffer.from(await signChallenge(person.privateKeyPem, CHALLENGE), 'base64url');
    signature[100] ^= 0x01;
    await expectRefused(await attemptBy(person, { signatureBase64url: signature.toString('base64url') }), 'SIGNATURE_INVALID');
  });

  it('a signature that is empty, truncated or not base64url', async () => {
    const genuine = await signChallenge(person.privateKeyPem, CHALLENGE);
    for (const signatureBase64url of ['', genuine.slice(0, 200), `${genuine.slice(0, -1)}+`, 'not base64url!']) {
      await expectRefused(await attemptBy(person, { signatureBase64url }), 'SIGNATURE_INVALID');
    }
  });
});

describe('verifyCertificateLogin refuses with CERTIFICATE_EXPIRED / CERTIFICATE_NOT_YET_VALID', () => {
  it('a certificate whose notAfter has passed', async () => {
    await expectRefused(await attemptBy(expiredPerson), 'CERTIFICATE_EXPIRED', /expired at 2025-05-31T23:59:59\.000Z/);
  });

  it('a certificate whose notBefore has not arrived', async () => {
    await expectRefused(
      await attemptBy(notYetValidPerson),
      'CERTIFICATE_NOT_YET_VALID',
      /not valid before 2025-06-01T00:00:01\.000Z/,
    );
  });

  it('uses the given `now`, not the machine clock', async () => {
    await expectRefused(await attemptBy(person, { now: new Date('2030-01-01T00:00:00Z') }), 'CERTIFICATE_EXPIRED');
  });
});

describe('verifyCertificateLogin refuses with CERTIFICATE_REVOKED', () => {
  it('a certificate whose serial number is on the revocation list', async () => {
    await expectRefused(
      await attemptBy(person, { revokedSerials: new Set([person.serialNumber]) }),
      'CERTIFICATE_REVOKED',
      new RegExp(person.serialNumber),
    );
  });

  it('whatever notation the revocation list uses (uppercase, colons, leading 00)', async () => {
    const asOpensslPrintsIt = `00:${person.serialNumber.toUpperCase().match(/../g)!.join(':')}`;
    await expectRefused(await attemptBy(person, { revokedSerials: new Set([asOpensslPrintsIt]) }), 'CERTIFICATE_REVOKED');
  });
});

describe('verifyCertificateLogin refuses with CERTIFICATE_UNTRUSTED', () => {
  it('a certificate issued by a CA that is not trusted', async () => {
    await expectRefused(await attemptBy(personOfUnknownCa), 'CERTIFICATE_UNTRUSTED', /Some Other CA.*not a trusted CA/);
  });

  it('a self-signed certificate that copies the trusted CA’s subject name', async () => {
    await expectRefused(await attemptBy(selfSignedLookalike), 'CERTIFICATE_UNTRUSTED', /does not verify with the key/);
  });

  it('a certificate issued by an impostor CA that copies the trusted CA’s name', async () => {
    await expectRefused(await attemptBy(personOfImpostorCa), 'CERTIFICATE_UNTRUSTED', /does not verify with the key/);
  });

  it('any certificate when no CA is trusted', async () => {
    await expectRefused(await attemptBy(person, { trustedCaPems: [] }), 'CERTIFICATE_UNTRUSTED');
  });

  it('a certificate issued by a trusted CA that has itself expired', async () => {
    await expectRefused(
      await attemptBy(personOfExpiredCa, { trustedCaPems: [expiredCa.certificatePem] }),
      'CERTIFICATE_UNTRUSTED',
      /outside its validity period/,
    );
  });

  it('a certificate "issued" by a listed certificate that is not a CA', async () => {
    await expectRefused(
      await attemptBy(personIssuedByPerson, { trustedCaPems: [trustedCa.certificatePem, person.certificatePem] }),
      'CERTIFICATE_UNTRUSTED',
      /not a CA certificate/,
    );
  });

  it('the trusted CA’s own certificate, even with a valid signature by the CA key', async () => {
    await expectRefused(await attemptBy(trustedCa), 'CERTIFICATE_UNTRUSTED', /CA certificate cannot be used to log in/);
  });

  it('an encryption certificate, whose key usage does not allow signatures', async () => {
    await expectRefused(await attemptBy(encryptionCertificate), 'CERTIFICATE_UNTRUSTED', /lacks digitalSignature/);
  });

  it('a certificate signed by the trusted CA with SHA-1', async () => {
    await expectRefused(await attemptBy(signedWithSha1), 'CERTIFICATE_UNTRUSTED', /SHA-1/);
  });
});

describe('verifyCertificateLogin refuses with CERTIFICATE_MALFORMED', () => {
  const certificateBody = () => person.certificatePem.replace(/-----[^-]+-----|\s/g, '');
  const asPem = (base64: string) => `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`;

  it.each([
    ['an empty string', () => ''],
    ['plain text', () => 'this is not a certificate'],
    ['a PEM block of random base64', () => asPem(Buffer.from('garbage garbage garbage!').toString('base64'))],
    ['a private key', () => person.privateKeyPem],
    ['two certificates in one PEM', () => `${person.certificatePem}${otherPerson.certificatePem}`],
    ['a truncated certificate', () => asPem(Buffer.from(certificateBody(), 'base64').subarray(0, 400).toString('base64'))],
    [
      'a certificate followed by extra bytes',
      () => asPem(Buffer.concat([Buffer.from(certificateBody(), 'base64'), Buffer.from([0])]).toString('base64')),
    ],
  ])('%s', async (_description, certificatePem) => {
    await expectRefused(await attemptBy(person, { certificatePem: certificatePem() }), 'CERTIFICATE_MALFORMED');
  });

  it('a certificate whose key is not RSA', async () => {
    await expectRefused(
      await attemptBy(person, { certificatePem: ecdsaKeyCertificatePem }),
      'CERTIFICATE_MALFORMED',
      /RSA/,
    );
  });

  it('from fingerprintOf too', () => {
    expect(() => fingerprintOf('garbage')).toThrow(CertificateLoginError);
  });
});

describe('verifyCertificateLogin with a broken trust configuration', () => {
  it('fails with a plain Error, since the server — not the caller — is at fault', async () => {
    const error = await verifyCertificateLogin(await attemptBy(person, { trustedCaPems: ['not a certificate'] })).catch(
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(CertificateLoginError);
    expect((error as Error).message).toMatch(/Trusted CA certificate #1/);
  });
});
