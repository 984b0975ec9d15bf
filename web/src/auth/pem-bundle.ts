import { decodeBase64, encodeBase64 } from './base64url';

/**
 * Reads the `.pem` file a user picks for certificate login: their X.509 certificate and its PKCS#8 private key,
 * as two PEM blocks in one file (in either order; other text such as openssl "Bag Attributes" is ignored).
 * Only the certificate is ever sent to the gateway; the key stays in the browser.
 */
export interface CertificateBundle {
  /** The (first) certificate, re-armoured with LF line endings and 64-column lines. */
  certificatePem: string;
  /** DER bytes of the PKCS#8 PrivateKeyInfo, ready for `crypto.subtle.importKey('pkcs8', …)`. */
  privateKeyPkcs8: Uint8Array<ArrayBuffer>;
}

export type PemBundleProblem =
  | 'PEM_MALFORMED'
  | 'PEM_NO_CERTIFICATE'
  | 'PEM_NO_PRIVATE_KEY'
  | 'PEM_ENCRYPTED_PRIVATE_KEY'
  | 'PEM_PKCS1_PRIVATE_KEY';

export class PemBundleError extends Error {
  constructor(readonly code: PemBundleProblem) {
    super(`Certificate bundle problem: ${code}`);
    this.name = 'PemBundleError';
  }
}

interface PemBlock {
  label: string;
  der: Uint8Array<ArrayBuffer>;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
const ASN1_SEQUENCE = 0x30;

export function parsePemBundle(text: string): CertificateBundle {
  const blocks = readPemBlocks(text);
  const certificate = blocks.find((block) => block.label === 'CERTIFICATE');
  const privateKey = blocks.find((block) => block.label === 'PRIVATE KEY');

  if (!certificate) throw new PemBundleError('PEM_NO_CERTIFICATE');
  if (!privateKey) {
    if (blocks.some((block) => block.label === 'ENCRYPTED PRIVATE KEY')) {
      throw new PemBundleError('PEM_ENCRYPTED_PRIVATE_KEY');
    }
    if (blocks.some((block) => block.label === 'RSA PRIVATE KEY')) {
      throw new PemBundleError('PEM_PKCS1_PRIVATE_KEY');
    }
    throw new PemBundleError('PEM_NO_PRIVATE_KEY');
  }
  return { certificatePem: armour('CERTIFICATE', certificate.der), privateKeyPkcs8: privateKey.der };
}

function readPemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(PEM_BLOCK)) {
    const label = match[1];
    const body = match[2];
    // Legacy encrypted PKCS#1 keys carry "Proc-Type:" headers; they are reported by label, not decoded.
    if (label === 'RSA PRIVATE KEY' || label === 'ENCRYPTED PRIVATE KEY') {
      blocks.push({ label, der: new Uint8Array(0) });
      continue;
    }
    let der: Uint8Array<ArrayBuffer>;
    try {
      der = decodeBase64(body);
    } catch {
      throw new PemBundleError('PEM_MALFORMED');
    }
    if (der.length === 0 || der[0] !== ASN1_SEQUENCE) throw new PemBundleError('PEM_MALFORMED');
    blocks.push({ label, der });
  }
  return blocks;
}

function armour(label: string, der: Uint8Array): string {
  const lines = encodeBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
