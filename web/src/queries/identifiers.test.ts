import { describe, expect, it } from 'vitest';
// The service's own rules: the console must agree with them on every input, or the form would pass what the service refuses.
import { validateBusinessNumber } from '../../../subgraphs/query-log/src/identifiers/business-number';
import { validateNationalId } from '../../../subgraphs/query-log/src/identifiers/national-id';
import { checkBusinessNumber, checkNationalId, checkSubject } from './identifiers';

const BEFORE_2031 = new Date('2026-11-25T10:00:00+08:00');

describe('the subject check in the form', () => {
  it('accepts valid numbers and masks them as the service does', () => {
    expect(checkNationalId('A123456789', BEFORE_2031)).toEqual({ valid: true, value: 'A123456789', masked: 'A12*****89' });
    expect(checkNationalId(' ａ１２３４５６７８９ ', BEFORE_2031)).toMatchObject({ valid: true, value: 'A123456789' });
    expect(checkNationalId('A800000014', BEFORE_2031)).toMatchObject({ valid: true });
    expect(checkSubject('BUSINESS_NUMBER', '04595257')).toEqual({ valid: true, value: '04595257', masked: '045***57' });
  });

  it.each([
    ['', 'EMPTY'],
    ['A12345678', 'LENGTH'],
    ['1123456789', 'LETTER'],
    ['A12345678X', 'FORMAT'],
    ['A323456789', 'GENDER_DIGIT'],
    ['A123456788', 'CHECKSUM'],
    ['AE00000009', 'LETTER'],
  ])('refuses the national ID %j because of %s', (input, reason) => {
    expect(checkNationalId(input, BEFORE_2031)).toMatchObject({ valid: false, reason });
  });

  it('says how long a number of the wrong length is', () => {
    expect(checkNationalId('A1234', BEFORE_2031)).toEqual({ valid: false, reason: 'LENGTH', length: 5 });
    expect(checkBusinessNumber('0459525')).toEqual({ valid: false, reason: 'LENGTH', length: 7 });
  });

  it('refuses old-format resident numbers from 2031', () => {
    expect(checkNationalId('AA00000009', BEFORE_2031)).toMatchObject({ valid: true });
    expect(checkNationalId('AA00000009', new Date('2031-01-01T00:00:00+08:00'))).toEqual({ valid: false, reason: 'OLD_FORMAT_EXPIRED' });
  });

  it('applies the business number’s 7th-digit rule', () => {
    expect(checkBusinessNumber('00000074')).toMatchObject({ valid: true });
    expect(checkBusinessNumber('10000070')).toMatchObject({ valid: false, reason: 'CHECKSUM' });
    expect(checkBusinessNumber('0459525A')).toMatchObject({ valid: false, reason: 'FORMAT' });
  });

  it('agrees with the query-log service on every input of a large random sample', () => {
    // A seeded generator, so a disagreement is reproducible.
    let seed = 20261125;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const digits = (count: number) => Array.from({ length: count }, () => String(next(10))).join('');
    for (let index = 0; index < 20_000; index++) {
      const shape = next(4);
      const nationalId =
        shape === 0 ? `${letters[next(26)]}${digits(9)}` : shape === 1 ? `${letters[next(26)]}${letters[next(26)]}${digits(8)}` : shape === 2 ? `${letters[next(26)]}${next(3)}${digits(8)}` : digits(next(12));
      const server = validateNationalId(nationalId, BEFORE_2031);
      const console = checkNationalId(nationalId, BEFORE_2031);
      expect({ nationalId, valid: console.valid, reason: console.valid ? null : console.reason }).toEqual({ nationalId, valid: server.valid, reason: server.valid ? null : server.reason });
      const businessNumber = digits(next(3) === 0 ? next(10) : 8);
      const serverNumber = validateBusinessNumber(businessNumber);
      const consoleNumber = checkBusinessNumber(businessNumber);
      expect({ businessNumber, valid: consoleNumber.valid, reason: consoleNumber.valid ? null : consoleNumber.reason }).toEqual({
        businessNumber,
        valid: serverNumber.valid,
        reason: serverNumber.valid ? null : serverNumber.reason,
      });
    }
  });
});
