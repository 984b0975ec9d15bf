import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor';

describe('cursors', () => {
  it('round-trips a sort key of dates, ids, numbers and text', () => {
    const at = new Date('2026-11-25T03:04:05.006Z');
    const cursor = encodeCursor([at, '2f1c7a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6', 42, '張']);
    expect(decodeCursor(cursor, ['timestamp', 'uuid', 'integer', 'string'])).toEqual([
      '2026-11-25T03:04:05.006Z', '2f1c7a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6', '42', '張',
    ]);
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor', ['string']],
    ['the wrong number of parts', encodeCursor(['a', 'b']), ['string']],
    ['a date that is not one', encodeCursor(['yesterday']), ['timestamp']],
    ['an id that is not a UUID', encodeCursor(["1' or '1'='1"]), ['uuid']],
    ['a negative position', encodeCursor(['-1']), ['integer']],
  ] as const)('refuses %s as INVALID_CURSOR on `after`', (_case, cursor, shape) => {
    expect(() => decodeCursor(cursor, shape)).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR', details: { field: 'after' } }));
  });
});
