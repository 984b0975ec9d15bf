import { describe, expect, it } from 'vitest';
import { CURRENT_DRAW_METHOD, drawMethod } from './draw-method';

describe('draw methods', () => {
  it('place a share of uniform keys below the cut-off, in each method’s own key space', () => {
    // hash64-register-order ranks signed bigints spread over [-2^63, 2^63).
    const hash64 = drawMethod('hash64-register-order');
    expect(hash64.cutoff(0.5)).toBe('0');
    expect(hash64.cutoff(0.25)).toBe((-(2n ** 62n)).toString());
    expect(BigInt(hash64.cutoff(0.001))).toBeLessThan(-(2n ** 62n));
    // md5-sorted-ids ranks hex text: the first 8 hex digits carry the share.
    const md5 = drawMethod('md5-sorted-ids');
    expect(md5.cutoff(0.5)).toBe('80000000');
    expect(md5.cutoff(1 / 16)).toBe('10000000');
  });

  it('draw seeds of the length the audit table admits for the method', () => {
    expect(drawMethod(CURRENT_DRAW_METHOD).newSeed()).toMatch(/^[0-9a-f]{16}$/);
    expect(drawMethod('md5-sorted-ids').newSeed()).toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses a method it does not know rather than guessing', () => {
    expect(() => drawMethod('sha1-whatever')).toThrow(/unknown draw method/);
  });
});
