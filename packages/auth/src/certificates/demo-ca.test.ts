import { createPublicKey, X509Certificate as NodeX509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createDemoCertificateAuthority,
  issuePersonCertificate,
  type DemoCertificateAuthority,
  type IssuedPersonCertificate,
} from './demo-ca';
import { x509 } from './x509-runtime';

const CA_NOW = new Date('2024-03-01T08:30:00Z');

let defaultSizeCa: DemoCertificateAuthority;
let ca: DemoCertificateAuthority;
let person: IssuedPersonCertificate;
let personWithDefaults: IssuedPersonCertificate;
let issuedAround: { before: number; after: number };

beforeAll(async () => {
  [defaultSizeCa, ca] = await Promise.all([
    createDemoCertificateAuthority({ commonName: 'Default Size CA' }),
    createDemoCertificateAuthority({ commonName: 'Custos 示範憑證中心', now: CA_NOW, modulusLength: 2048 }),
  ]);
  const before = Date.now();
  [person, personWithDefaults] = await Promise.all([
    issuePersonCertificate(ca, {
      commonName: '王小明',
      serialNumberAttribute: '0000000112345678',
      notBefore: new Date('2024-04-01T00:00:00Z'),
      notAfter: new Date('2029-04-01T00:00:00Z'),
    }),
    issuePersonCertificate(ca, { commonName: '#林美華' }),
  ]);
  issuedAround = { before, after: Date.now() };
}, 60_000);

// Node's X509Certificate (OpenSSL) serves as an independent reader of what the generator wrote.
const nodeCertificate = (pem: string) => new NodeX509Certificate(pem);
const peculiarCertificate = (pem: string) => new x509.X509Certificate(pem);

describe('createDemoCertificateAuthority', () => {
  it('creates a self-signed CA certificate', () => {
    const certificate = nodeCertificate(ca.certificatePem);
    expect(certificate.ca).toBe(true);
    expect(certificate.checkIssued(certificate)).toBe(true);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.subject).toContain('CN=Custos 示範憑證中心');
  });

  it('marks it as a CA that may only sign certificates and CRLs, both extensions critical', () => {
    const certificate = peculiarCertificate(ca.certificatePem);
    const basicConstraints = certificate.getExtension(x509.BasicConstraintsExtension)!;
    const keyUsage = certificate.getExtension(x509.KeyUsagesExtension)!;

    expect(basicConstraints.ca).toBe(true);
    expect(basicConstraints.critical).toBe(true);
    expect(keyUsage.usages).toBe(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign);
    expect(keyUsage.critical).toBe(true);
  });

  it('is valid for ten years from `now` and signed with SHA-256 RSA', () => {
    const certificate = peculiarCertificate(ca.certificatePem);
    expect(certificate.notBefore.toISOString()).toBe('2024-03-01T08:30:00.000Z');
    expect(certificate.notAfter.toISOString()).toBe('2034-03-01T08:30:00.000Z');
    expect(certificate.signatureAlgorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' } });
  });

  it('uses a 3072-bit key unless asked for 2048', () => {
    expect(nodeCertificate(defaultSizeCa.certificatePem).publicKey.asymmetricKeyDetails?.modulusLength).toBe(3072);
    expect(nodeCertificate(ca.certificatePem).publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it('returns the matching private key as PKCS#8 PEM', () => {
    expect(ca.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const fromKey = createPublicKey(ca.privateKeyPem).export({ type: 'spki', format: 'der' });
    const fromCertificate = nodeCertificate(ca.certificatePem).publicKey.export({ type: 'spki', format: 'der' });
    expect(fromKey.equals(fromCertificate)).toBe(true);
  });

  it('refuses an empty common name', async () => {
    await expect(createDemoCertificateAuthority({ commonName: '  ' })).rejects.toThrow(/commonName/);
  });
});

describe('issuePersonCertificate', () => {
  it('issues a certificate that OpenSSL accepts as signed by the CA', () => {
    const issued = nodeCertificate(person.certificatePem);
    const issuer = nodeCertificate(ca.certificatePem);
    expect(issued.checkIssued(issuer)).toBe(true);
    expect(issued.verify(issuer.publicKey)).toBe(true);
    expect(issued.ca).toBe(false);
  });

  it('puts the name (as UTF8String) and the serialNumber attribute in the subject', () => {
    const subject = peculiarCertificate(person.certificatePem).subjectName;
    expect(subject.getField('CN')).toEqual(['王小明']);
    expect(subject.getField('2.5.4.5')).toEqual(['0000000112345678']);
    expect(subject.getField('C')).toEqual(['TW']);
    expect(nodeCertificate(person.certificatePem).subject).toContain('CN=王小明');
  });

  it('keeps a name that starts with # literal instead of reading it as hex', () => {
    expect(peculiarCertificate(personWithDefaults.certificatePem).subjectName.getField('CN')).toEqual(['#林美華']);
  });

  it('uses the given validity period', () => {
    const certificate = peculiarCertificate(person.certificatePem);
    expect(certificate.notBefore.toISOString()).toBe('2024-04-01T00:00:00.000Z');
    expect(certificate.notAfter.toISOString()).toBe('2029-04-01T00:00:00.000Z');
  });

  it('defaults to five years starting one minute before issuing', () => {
    const certificate = peculiarCertificate(personWithDefaults.certificatePem);
    const secondPrecision = 1000;
    expect(certificate.notBefore.getTime()).toBeGreaterThanOrEqual(issuedAround.before - 60_000 - secondPrecision);
    expect(certificate.notBefore.getTime()).toBeLessThanOrEqual(issuedAround.after - 60_000);
    const fiveYearsLater = new Date(certificate.notBefore);
    fiveYearsLater.setUTCFullYear(fiveYearsLater.getUTCFullYear() + 5);
    expect(certificate.notAfter.getTime()).toBe(fiveYearsLater.getTime());
  });

  it('gives the person a 2048-bit RSA key for signing only, with key identifiers linking it to the CA', () => {
    const certificate = peculiarCertificate(person.certificatePem);
    const keyUsage = certificate.getExtension(x509.KeyUsagesExtension)!;
    const caKeyId = peculiarCertificate(ca.certificatePem).getExtension(x509.SubjectKeyIdentifierExtension)!.keyId;

    expect(nodeCertificate(person.certificatePem).publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(keyUsage.usages).toBe(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation);
    expect(certificate.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(false);
    expect(certificate.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId).toBe(caKeyId);
  });

  it('returns the serial number and SHA-256 fingerprint as OpenSSL computes them, in lowercase hex', () => {
    const certificate = nodeCertificate(person.certificatePem);
    expect(person.serialNumber).toBe(certificate.serialNumber.toLowerCase());
    expect(person.serialNumber).toMatch(/^[0-7][0-9a-f]{31}$/);
    expect(person.fingerprintSha256).toBe(certificate.fingerprint256.replace(/:/g, '').toLowerCase());
  });

  it('returns the matching private key as PKCS#8 PEM', () => {
    expect(person.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const fromKey = createPublicKey(person.privateKeyPem).export({ type: 'spki', format: 'der' });
    const fromCertificate = nodeCertificate(person.certificatePem).publicKey.export({ type: 'spki', format: 'der' });
    expect(fromKey.equals(fromCertificate)).toBe(true);
  });

  it('gives every certificate its own serial number, key and fingerprint', () => {
    expect(personWithDefaults.serialNumber).not.toBe(person.serialNumber);
    expect(personWithDefaults.fingerprintSha256).not.toBe(person.fingerprintSha256);
    expect(personWithDefaults.privateKeyPem).not.toBe(person.privateKeyPem);
  });

  it('refuses an empty validity period, an empty name and a non-printable serialNumber attribute', async () => {
    const at = new Date('2025-01-01T00:00:00Z');
    await expect(issuePersonCertificate(ca, { commonName: 'A', notBefore: at, notAfter: at })).rejects.toThrow(/notAfter/);
    await expect(issuePersonCertificate(ca, { commonName: '' })).rejects.toThrow(/commonName/);
    await expect(issuePersonCertificate(ca, { commonName: 'A', serialNumberAttribute: '王' })).rejects.toThrow(
      /serialNumberAttribute/,
    );
  });
});
