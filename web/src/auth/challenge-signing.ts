import { encodeBase64Url } from './base64url';

/**
 * Signs a certificate-login challenge in the browser with WebCrypto. The private key is imported as
 * non-extractable and never leaves this module's CryptoKey; only the signature is sent to the gateway.
 * Algorithm agreed with the gateway: RSASSA-PKCS1-v1_5 with SHA-256 over the UTF-8 bytes of the challenge,
 * signature as base64url without padding.
 */
const SIGNATURE_ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

export type SigningProblem = 'WEBCRYPTO_UNAVAILABLE' | 'PRIVATE_KEY_UNSUPPORTED';

export class SigningError extends Error {
  constructor(readonly code: SigningProblem, options?: { cause?: unknown }) {
    super(`Challenge signing problem: ${code}`, options);
    this.name = 'SigningError';
  }
}

function subtleCrypto(): SubtleCrypto {
  // crypto.subtle exists only in secure contexts (HTTPS or localhost).
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new SigningError('WEBCRYPTO_UNAVAILABLE');
  return subtle;
}

export async function importSigningKey(privateKeyPkcs8: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const subtle = subtleCrypto();
  try {
    return await subtle.importKey('pkcs8', privateKeyPkcs8, SIGNATURE_ALGORITHM, false, ['sign']);
  } catch (error) {
    // Not RSA (e.g. an EC key), or not a PKCS#8 structure at all.
    throw new SigningError('PRIVATE_KEY_UNSUPPORTED', { cause: error });
  }
}

export async function signChallenge(key: CryptoKey, challenge: string): Promise<string> {
  const signature = await subtleCrypto().sign(SIGNATURE_ALGORITHM, key, new TextEncoder().encode(challenge));
  return encodeBase64Url(new Uint8Array(signature));
}
