import { generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importSigningKey, signChallenge, SigningError } from './challenge-signing';
import { parsePemBundle } from './pem-bundle';

const fakeCertificateDer = Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]);
const certificateBlock = `-----BEGIN CERTIFICATE-----\n${fakeCertificateDer.toString('base64')}\n-----END CERTIFICATE-----\n`;
const rsaKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaPrivateKeyPem = rsaKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('signChallenge', () => {
  it('produces an unpadded base64url RSASSA-PKCS1-v1_5/SHA-256 signature over the UTF-8 challenge', async () => {
    const { privateKeyPkcs8 } = parsePemBundle(certificateBlock + rsaPrivateKeyPem);
    const key = await importSigningKey(privateKeyPkcs8);
    expect(key.extractable).toBe(false);

    const challenge = 'custos-login:彰化縣:2f1c9a';
    const signature = await signChallenge(key, challenge);
    expect(signature).toMatch(/^[A-Za-z0-9_-]+$/);
    const valid = verify('sha256', Buffer.from(challenge, 'utf8'), rsaKeys.publicKey, Buffer.from(signature, 'base64url'));
    expect(valid).toBe(true);
  });

  it('refuses a key that is not RSA', async () => {
    const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const der = new Uint8Array(ecKey.export({ type: 'pkcs8', format: 'der' }));
    await expect(importSigningKey(der)).rejects.toBeInstanceOf(SigningError);
    await expect(importSigningKey(der)).rejects.toMatchObject({ code: 'PRIVATE_KEY_UNSUPPORTED' });
  });
});
