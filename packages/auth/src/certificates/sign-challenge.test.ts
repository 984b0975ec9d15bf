import { createPrivateKey, createPublicKey, verify as nodeVerify, X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDemoCertificateAuthority, issuePersonCertificate, type IssuedPersonCertificate } from './demo-ca';
import { signChallenge } from './sign-challenge';

const CHALLENGE = 'custos-login:v1:nonce=Zm9vYmFy:expires=2025-06-01T00:05:00.000Z:登入';

let person: IssuedPersonCertificate;

beforeAll(async () => {
  const ca = await createDemoCertificateAuthority({ commonName: 'Sign Test CA', modulusLength: 2048 });
  person = await issuePersonCertificate(ca, { commonName: '王小明' });
}, 30_000);

/** Verifies with OpenSSL through node:crypto, independently of the WebCrypto code under test. */
function opensslAccepts(certificatePem: string, message: string, signatureBase64url: string): boolean {
  const publicKey = new X509Certificate(certificatePem).publicKey;
  return nodeVerify('sha256', Buffer.from(message, 'utf8'), publicKey, Buffer.from(signatureBase64url, 'base64url'));
}

describe('signChallenge', () => {
  it('produces an RSASSA-PKCS1-v1_5 / SHA-256 signature over the UTF-8 challenge that OpenSSL accepts', async () => {
    const signature = await signChallenge(person.privateKeyPem, CHALLENGE);

    expect(opensslAccepts(person.certificatePem, CHALLENGE, signature)).toBe(true);
    expect(opensslAccepts(person.certificatePem, `${CHALLENGE}x`, signature)).toBe(false);
  });

  it('encodes the 256-byte signature of a 2048-bit key as unpadded base64url', async () => {
    const signature = await signChallenge(person.privateKeyPem, CHALLENGE);

    expect(signature).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(signature).toHaveLength(342);
    expect(Buffer.from(signature, 'base64url')).toHaveLength(256);
  });

  it('is deterministic, as PKCS#1 v1.5 signatures are', async () => {
    expect(await signChallenge(person.privateKeyPem, CHALLENGE)).toBe(await signChallenge(person.privateKeyPem, CHALLENGE));
  });

  it('refuses a PKCS#1 key file and says how to convert it', async () => {
    const pkcs1Pem = createPrivateKey(person.privateKeyPem).export({ type: 'pkcs1', format: 'pem' }).toString();

    await expect(signChallenge(pkcs1Pem, CHALLENGE)).rejects.toThrow(/PKCS#1.*openssl pkcs8/);
  });

  it('refuses something that is not a key', async () => {
    await expect(signChallenge('hello', CHALLENGE)).rejects.toThrow(/PKCS#8/);
    await expect(signChallenge(person.certificatePem, CHALLENGE)).rejects.toThrow(/PKCS#8/);
  });

  it('uses the private key that matches the certificate', () => {
    const fromKey = createPublicKey(person.privateKeyPem).export({ type: 'spki', format: 'der' });
    const fromCertificate = new X509Certificate(person.certificatePem).publicKey.export({ type: 'spki', format: 'der' });
    expect(fromKey.equals(fromCertificate)).toBe(true);
  });
});
