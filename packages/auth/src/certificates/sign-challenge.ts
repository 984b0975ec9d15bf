/**
 * Signs a login challenge exactly as the officials' console does in the browser: WebCrypto
 * RSASSA-PKCS1-v1_5 with SHA-256 over the UTF-8 bytes of the challenge, sent as unpadded base64url.
 *
 * Deliberately self-contained and limited to web platform globals (crypto.subtle, atob, btoa,
 * TextEncoder) — all of which Node ≥ 20 also provides — so that this file can be copied into the
 * browser unchanged and the Node demo client and tests exercise the very same code path.
 */

const PKCS8_PEM_PATTERN = /-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\s]+)-----END PRIVATE KEY-----/;

export const CHALLENGE_SIGNATURE_ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

export async function signChallenge(privateKeyPem: string, challenge: string): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('WebCrypto (crypto.subtle) is not available in this environment.');

  const privateKey = await subtle.importKey(
    'pkcs8',
    pkcs8PemToBytes(privateKeyPem),
    CHALLENGE_SIGNATURE_ALGORITHM,
    // Not extractable: once imported, the key only ever needs to sign.
    false,
    ['sign'],
  );
  const signature = await subtle.sign(
    CHALLENGE_SIGNATURE_ALGORITHM.name,
    privateKey,
    new TextEncoder().encode(challenge),
  );
  return bytesToBase64url(new Uint8Array(signature));
}

function pkcs8PemToBytes(pem: string): Uint8Array<ArrayBuffer> {
  const match = PKCS8_PEM_PATTERN.exec(pem);
  if (!match) {
    const hint = pem.includes('BEGIN RSA PRIVATE KEY')
      ? ' This is a PKCS#1 key; convert it with `openssl pkcs8 -topk8 -nocrypt`.'
      : '';
    throw new Error(`The key file is not an unencrypted PKCS#8 PEM ("BEGIN PRIVATE KEY").${hint}`);
  }
  const binary = atob(match[1].replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

function bytesToBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
