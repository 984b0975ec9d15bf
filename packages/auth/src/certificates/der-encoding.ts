/**
 * Strict decoding of what clients send. Lenient decoders (Node's Buffer, @peculiar/x509's PEM
 * reader) skip invalid characters or read only the first of several blocks; for login input we
 * would rather refuse anything ambiguous, so that one certificate has exactly one encoding and
 * therefore exactly one fingerprint.
 */

const CERTIFICATE_PEM_PATTERN = /^-----BEGIN CERTIFICATE-----\s*?\n([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----$/;
const BASE64_BODY_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64URL_PATTERN = /^[A-Za-z0-9_-]*$/;

/** The DER bytes of a PEM holding exactly one CERTIFICATE block, or null. */
export function decodeSingleCertificatePem(pem: string): Uint8Array | null {
  const match = CERTIFICATE_PEM_PATTERN.exec(pem.trim());
  if (!match) return null;
  const body = match[1].replace(/\s+/g, '');
  if (body.length === 0 || body.length % 4 !== 0 || !BASE64_BODY_PATTERN.test(body)) return null;
  return new Uint8Array(Buffer.from(body, 'base64'));
}

/** Decodes base64url (padding tolerated, since some encoders add it); null if not base64url. */
export function decodeBase64url(text: string): Uint8Array | null {
  const unpadded = text.replace(/={1,2}$/, '');
  if (!BASE64URL_PATTERN.test(unpadded) || unpadded.length % 4 === 1) return null;
  return new Uint8Array(Buffer.from(unpadded, 'base64url'));
}

/**
 * True when `der` is one DER SEQUENCE and nothing else. The ASN.1 parser stops at the end of the
 * certificate and ignores trailing bytes, which would otherwise give the same certificate a second
 * fingerprint.
 */
export function isSingleDerSequence(der: Uint8Array): boolean {
  const SEQUENCE_TAG = 0x30;
  if (der.length < 2 || der[0] !== SEQUENCE_TAG) return false;
  const firstLengthByte = der[1];
  if (firstLengthByte < 0x80) return der.length === 2 + firstLengthByte;
  const lengthOctets = firstLengthByte & 0x7f;
  // 0x80 is the indefinite length form, which DER forbids; 4 octets already allow 4 GiB.
  if (lengthOctets === 0 || lengthOctets > 4 || der.length < 2 + lengthOctets) return false;
  let contentLength = 0;
  for (let index = 0; index < lengthOctets; index++) {
    contentLength = contentLength * 256 + der[2 + index];
  }
  return der.length === 2 + lengthOctets + contentLength;
}

/**
 * Serial numbers are compared in one canonical form: lowercase hex of the minimal unsigned bytes.
 * Tools disagree on case, colons and a leading 00 byte (OpenSSL vs. ASN.1 INTEGER encoding), and a
 * revocation entry must match no matter which tool it was copied from.
 */
export function normalizeSerialNumberHex(serialNumber: string): string {
  const digits = serialNumber.replace(/[\s:]/g, '').toLowerCase().replace(/^0+/, '');
  if (!/^[0-9a-f]*$/.test(digits)) return serialNumber.toLowerCase();
  if (digits === '') return '00';
  return digits.length % 2 === 0 ? digits : `0${digits}`;
}

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  return Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('hex');
}

export function bytesEqual(left: ArrayBuffer | Uint8Array, right: ArrayBuffer | Uint8Array): boolean {
  const a = left instanceof Uint8Array ? left : new Uint8Array(left);
  const b = right instanceof Uint8Array ? right : new Uint8Array(right);
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}
