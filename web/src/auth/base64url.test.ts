import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64, encodeBase64Url } from './base64url';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('encodeBase64Url', () => {
  it('uses the URL-safe alphabet and drops padding', () => {
    // 0xfb 0xff -> standard "+/8=" -> url-safe "-_8"
    expect(encodeBase64(bytes(0xfb, 0xff))).toBe('+/8=');
    expect(encodeBase64Url(bytes(0xfb, 0xff))).toBe('-_8');
  });

  it('matches the RFC 4648 test vectors, unpadded', () => {
    const encode = (text: string) => encodeBase64Url(new TextEncoder().encode(text));
    expect(encode('')).toBe('');
    expect(encode('f')).toBe('Zg');
    expect(encode('fo')).toBe('Zm8');
    expect(encode('foo')).toBe('Zm9v');
    expect(encode('foob')).toBe('Zm9vYg');
    expect(encode('fooba')).toBe('Zm9vYmE');
    expect(encode('foobar')).toBe('Zm9vYmFy');
  });

  it('agrees with Node for a large random input (chunked encoding)', () => {
    const input = new Uint8Array(100_000);
    for (let i = 0; i < input.length; i += 1) input[i] = (i * 7919) % 256;
    expect(encodeBase64Url(input)).toBe(Buffer.from(input).toString('base64url'));
  });
});

describe('decodeBase64', () => {
  it('round-trips and ignores line breaks', () => {
    const input = bytes(0, 1, 2, 250, 251, 252, 253, 254, 255);
    const wrapped = encodeBase64(input).replace(/(.{4})/g, '$1\r\n');
    expect(Array.from(decodeBase64(wrapped))).toEqual(Array.from(input));
  });

  it('rejects text that is not base64', () => {
    expect(() => decodeBase64('not base64!')).toThrow();
    expect(() => decodeBase64('abcde')).toThrow();
  });
});
