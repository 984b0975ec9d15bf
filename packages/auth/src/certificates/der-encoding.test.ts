import { describe, expect, it } from 'vitest';
import { decodeBase64url, decodeSingleCertificatePem, isSingleDerSequence, normalizeSerialNumberHex } from './der-encoding';

describe('normalizeSerialNumberHex', () => {
  it.each([
    ['0A1B2C', '0a1b2c'],
    ['0a:1b:2c', '0a1b2c'],
    ['00ff01', 'ff01'],
    ['a1b', '0a1b'],
    ['0000', '00'],
    [' 7F 00 ', '7f00'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeSerialNumberHex(input)).toBe(expected);
  });

  it('leaves non-hex input unmatched instead of inventing a serial', () => {
    expect(normalizeSerialNumberHex('not-a-serial')).toBe('not-a-serial');
  });
});

describe('decodeBase64url', () => {
  it('decodes unpadded and padded base64url', () => {
    expect(Array.from(decodeBase64url('_-8')!)).toEqual([0xff, 0xef]);
    expect(Array.from(decodeBase64url('_-8=')!)).toEqual([0xff, 0xef]);
  });

  it('refuses standard base64 characters and impossible lengths instead of skipping them', () => {
    expect(decodeBase64url('+/8')).toBeNull();
    expect(decodeBase64url('ab$c')).toBeNull();
    expect(decodeBase64url('abcde')).toBeNull();
  });
});

describe('isSingleDerSequence', () => {
  it('accepts exactly one SEQUENCE, in short and long length form', () => {
    expect(isSingleDerSequence(Uint8Array.from([0x30, 0x01, 0x05]))).toBe(true);
    expect(isSingleDerSequence(Uint8Array.from([0x30, 0x81, 0x01, 0x05]))).toBe(true);
  });

  it('refuses trailing bytes, truncation, other tags and the indefinite length form', () => {
    expect(isSingleDerSequence(Uint8Array.from([0x30, 0x01, 0x05, 0x00]))).toBe(false);
    expect(isSingleDerSequence(Uint8Array.from([0x30, 0x02, 0x05]))).toBe(false);
    expect(isSingleDerSequence(Uint8Array.from([0x31, 0x01, 0x05]))).toBe(false);
    expect(isSingleDerSequence(Uint8Array.from([0x30, 0x80, 0x05, 0x00, 0x00]))).toBe(false);
  });
});

describe('decodeSingleCertificatePem', () => {
  const block = '-----BEGIN CERTIFICATE-----\nMAEF\n-----END CERTIFICATE-----';

  it('decodes one block, with LF or CRLF line endings and surrounding whitespace', () => {
    expect(Array.from(decodeSingleCertificatePem(block)!)).toEqual([0x30, 0x01, 0x05]);
    expect(Array.from(decodeSingleCertificatePem(`\n${block.replace(/\n/g, '\r\n')}\r\n`)!)).toEqual([0x30, 0x01, 0x05]);
  });

  it('refuses two blocks, other labels and invalid base64', () => {
    expect(decodeSingleCertificatePem(`${block}\n${block}`)).toBeNull();
    expect(decodeSingleCertificatePem(block.replace(/CERTIFICATE/g, 'PRIVATE KEY'))).toBeNull();
    expect(decodeSingleCertificatePem(block.replace('MAEF', 'MA!F'))).toBeNull();
    expect(decodeSingleCertificatePem(block.replace('MAEF', 'MAE'))).toBeNull();
  });
});
