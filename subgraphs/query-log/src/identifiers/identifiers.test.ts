import { describe, expect, it } from 'vitest';
import { validateBusinessNumber } from './business-number';
import { validateNationalId } from './national-id';
import { maskSubject, parseSubject, SubjectHasher } from './subject';

const BEFORE_2031 = new Date('2026-11-25T10:00:00+08:00');

describe('national ID (身分證字號)', () => {
  it('accepts the documented example and residents’ new-format numbers', () => {
    expect(validateNationalId('A123456789', BEFORE_2031)).toEqual({ valid: true, value: 'A123456789', kind: 'CITIZEN' });
    expect(validateNationalId('F231231239', BEFORE_2031)).toMatchObject({ valid: true, kind: 'CITIZEN' });
    // A resident's new number: first digit 8 or 9.
    expect(validateNationalId('A800000014', BEFORE_2031)).toMatchObject({ valid: true, kind: 'RESIDENT' });
  });

  it('folds full-width characters, spaces and lower case', () => {
    expect(validateNationalId(' ａ１２３４５６７８９ ', BEFORE_2031)).toMatchObject({ valid: true, value: 'A123456789' });
  });

  it.each([
    ['', 'EMPTY'],
    ['A12345678', 'LENGTH'],
    ['A1234567890', 'LENGTH'],
    ['1123456789', 'LETTER'],
    ['A12345678X', 'FORMAT'],
    ['A323456789', 'GENDER_DIGIT'],
    ['A123456788', 'CHECKSUM'],
    ['B123456789', 'CHECKSUM'],
  ])('refuses %j with reason %s', (input, reason) => {
    const result = validateNationalId(input, BEFORE_2031);
    expect(result).toMatchObject({ valid: false, reason });
    if (!result.valid) expect(result.message.length).toBeGreaterThan(10);
  });

  it('accepts old-format resident numbers (two letters + 8 digits) with their checksum until 2030-12-31, then refuses them', () => {
    // A=10 → 1,0; second letter A → 0; 0000000 9: 1 + 9 = 10.
    expect(validateNationalId('AA00000009', BEFORE_2031)).toEqual({ valid: true, value: 'AA00000009', kind: 'RESIDENT_OLD_FORMAT' });
    expect(validateNationalId('AA00000008', BEFORE_2031)).toMatchObject({ valid: false, reason: 'CHECKSUM' });
    expect(validateNationalId('AE00000009', BEFORE_2031)).toMatchObject({ valid: false, reason: 'LETTER' });
    expect(validateNationalId('AA00000009', new Date('2030-12-31T23:59:00+08:00'))).toMatchObject({ valid: true });
    expect(validateNationalId('AA00000009', new Date('2031-01-01T00:00:00+08:00'))).toMatchObject({ valid: false, reason: 'OLD_FORMAT_EXPIRED' });
  });
});

describe('business number (統一編號)', () => {
  it('accepts the documented examples', () => {
    expect(validateBusinessNumber('04595257')).toEqual({ valid: true, value: '04595257' });
    expect(validateBusinessNumber('22099131')).toEqual({ valid: true, value: '22099131' });
  });

  it('applies the 7th-digit rule: with a 7 in 7th place, total + 1 divisible by 5 also passes', () => {
    // 1000007 0: products 1,0,0,0,0,0,28→10,0 = 11; neither 11 nor 12 divisible by 5.
    expect(validateBusinessNumber('10000070')).toMatchObject({ valid: false, reason: 'CHECKSUM' });
    // 0000007 4: 10 + 4 = 14; 14 + 1 = 15 → valid only by the 7th-digit rule.
    expect(validateBusinessNumber('00000074')).toMatchObject({ valid: true });
    // total 4 without a 7 in 7th place: total + 1 = 5 must not count.
    expect(validateBusinessNumber('00000004')).toMatchObject({ valid: false, reason: 'CHECKSUM' });
    // 0000007 5: 10 + 5 = 15 → valid by the plain rule.
    expect(validateBusinessNumber('00000075')).toMatchObject({ valid: true });
  });

  it('accepts numbers valid under the 2023 divisible-by-5 rule that the old divisible-by-10 rule refused', () => {
    // 00000005: total 5.
    expect(validateBusinessNumber('00000005')).toMatchObject({ valid: true });
  });

  it.each([
    ['', 'EMPTY'],
    ['0459525', 'LENGTH'],
    ['045952570', 'LENGTH'],
    ['0459525A', 'FORMAT'],
    ['04595258', 'CHECKSUM'],
  ])('refuses %j with reason %s', (input, reason) => {
    expect(validateBusinessNumber(input)).toMatchObject({ valid: false, reason });
  });
});

describe('subjects', () => {
  const hasher = new SubjectHasher({ taoyuan: Buffer.alloc(32, 1).toString('base64url'), tainan: Buffer.alloc(32, 2).toString('base64url') });

  it('throws precise input errors naming the field and the reason', () => {
    expect(() => parseSubject('NATIONAL_ID', 'A123456788', 'subject')).toThrow(expect.objectContaining({ code: 'INVALID_NATIONAL_ID', details: { reason: 'CHECKSUM', field: 'subject' } }));
    expect(() => parseSubject('BUSINESS_NUMBER', '123', 'subject')).toThrow(expect.objectContaining({ code: 'INVALID_BUSINESS_NUMBER', details: { reason: 'LENGTH', field: 'subject' } }));
  });

  it('masks and hashes per city; the same ID gives different hashes in different cities', () => {
    const subject = parseSubject('NATIONAL_ID', 'a123456789', 'subject');
    expect(maskSubject(subject)).toBe('A12*****89');
    expect(maskSubject(parseSubject('BUSINESS_NUMBER', '04595257', 'subject'))).toBe('045***57');
    const taoyuan = hasher.hash('taoyuan', subject);
    expect(taoyuan).toMatch(/^[0-9a-f]{64}$/);
    expect(hasher.hash('taoyuan', parseSubject('NATIONAL_ID', 'Ａ123456789', 'subject'))).toBe(taoyuan);
    expect(hasher.hash('tainan', subject)).not.toBe(taoyuan);
    expect(() => hasher.hash('atlantis', subject)).toThrow(expect.objectContaining({ code: 'SUBJECT_KEY_MISSING' }));
  });
});
