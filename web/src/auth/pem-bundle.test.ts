import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parsePemBundle, PemBundleError } from './pem-bundle';

// The parser does not read X.509 fields, so a minimal DER SEQUENCE stands in for a certificate.
const fakeCertificateDer = Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]);
const certificateBlock = (der: Buffer = fakeCertificateDer) =>
  `-----BEGIN CERTIFICATE-----\n${der.toString('base64')}\n-----END CERTIFICATE-----\n`;

const rsaKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaPrivateKeyPem = rsaKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

function problemOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof PemBundleError ? error.code : `unexpected: ${String(error)}`;
  }
  return undefined;
}

describe('parsePemBundle', () => {
  it('finds the certificate and the PKCS#8 key in either order, with CRLF line endings and extra text', () => {
    const text = [
      'Bag Attributes',
      '    friendlyName: test',
      rsaPrivateKeyPem,
      'subject=CN = Test',
      certificateBlock(),
    ]
      .join('\n')
      .replace(/\n/g, '\r\n');
    const bundle = parsePemBundle(text);
    expect(bundle.certificatePem).toBe(certificateBlock());
    const expectedKeyDer = rsaKeys.privateKey.export({ type: 'pkcs8', format: 'der' });
    expect(Buffer.from(bundle.privateKeyPkcs8).equals(expectedKeyDer)).toBe(true);
  });

  it('re-wraps a long certificate at 64 columns', () => {
    const longDer = Buffer.concat([Buffer.from([0x30, 0x81, 0x96]), Buffer.alloc(150, 7)]);
    const oneLine = `-----BEGIN CERTIFICATE-----${longDer.toString('base64')}-----END CERTIFICATE-----`;
    const { certificatePem } = parsePemBundle(`${oneLine}\n${rsaPrivateKeyPem}`);
    const bodyLines = certificatePem.trim().split('\n').slice(1, -1);
    expect(bodyLines.every((line) => line.length <= 64)).toBe(true);
    expect(Buffer.from(bodyLines.join(''), 'base64').equals(longDer)).toBe(true);
  });

  it('takes the first certificate when a chain follows the user certificate', () => {
    const issuerDer = Buffer.from([0x30, 0x03, 0x02, 0x01, 0x02]);
    const bundle = parsePemBundle(certificateBlock() + certificateBlock(issuerDer) + rsaPrivateKeyPem);
    expect(bundle.certificatePem).toBe(certificateBlock());
  });

  it('names what is missing or unsupported', () => {
    expect(problemOf(() => parsePemBundle(rsaPrivateKeyPem))).toBe('PEM_NO_CERTIFICATE');
    expect(problemOf(() => parsePemBundle(certificateBlock()))).toBe('PEM_NO_PRIVATE_KEY');
    expect(problemOf(() => parsePemBundle('hello, not a PEM file'))).toBe('PEM_NO_CERTIFICATE');
    const encrypted = '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMAA=\n-----END ENCRYPTED PRIVATE KEY-----\n';
    expect(problemOf(() => parsePemBundle(certificateBlock() + encrypted))).toBe('PEM_ENCRYPTED_PRIVATE_KEY');
    const pkcs1 = rsaKeys.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    expect(problemOf(() => parsePemBundle(certificateBlock() + pkcs1))).toBe('PEM_PKCS1_PRIVATE_KEY');
  });

  it('rejects blocks whose body is not base64 DER', () => {
    const broken = '-----BEGIN CERTIFICATE-----\n$$$ not base64 $$$\n-----END CERTIFICATE-----\n';
    expect(problemOf(() => parsePemBundle(broken + rsaPrivateKeyPem))).toBe('PEM_MALFORMED');
    const notDer = `-----BEGIN CERTIFICATE-----\n${Buffer.from('plain text').toString('base64')}\n-----END CERTIFICATE-----\n`;
    expect(problemOf(() => parsePemBundle(notDer + rsaPrivateKeyPem))).toBe('PEM_MALFORMED');
  });
});
