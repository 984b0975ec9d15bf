/**
 * 身分證字號 and 居留證統一證號 (national ID and resident certificate numbers), validated with the
 * official checksum. See docs in shared/docs/security-notes.md, "Identifiers with checksums".
 *
 * Accepted:
 * - citizens: one letter + 9 digits, the first digit 1 or 2;
 * - residents (new format, since 2021-01-02): one letter + 9 digits, the first digit 8 or 9;
 * - residents (old format): two letters + 8 digits, the second letter A–D. The old numbers stay valid
 *   until 2031-01-01 (內政部移民署: 舊式統一證號 使用至 2030-12-31); we accept them until then, checked with
 *   their own checksum (the second letter counts as the last digit of its letter value), so that a query
 *   about a resident who still holds one can be registered. From 2031-01-01 they are refused with their
 *   own reason, so the caller knows to ask for the new number.
 */

/** Letter values: A10 B11 C12 D13 E14 F15 G16 H17 I34 J18 K19 L20 M21 N22 O35 P23 Q24 R25 S26 T27 U28 V29 W32 X30 Y31 Z33. */
const LETTER_VALUES: Record<string, number> = {
  A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, I: 34, J: 18, K: 19, L: 20, M: 21,
  N: 22, O: 35, P: 23, Q: 24, R: 25, S: 26, T: 27, U: 28, V: 29, W: 32, X: 30, Y: 31, Z: 33,
};
const WEIGHTS = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1];

/** The last day old-format resident numbers are valid is 2030-12-31 (Taiwan time). */
export const OLD_RESIDENT_FORMAT_VALID_UNTIL = new Date('2031-01-01T00:00:00+08:00');

export type NationalIdKind = 'CITIZEN' | 'RESIDENT' | 'RESIDENT_OLD_FORMAT';
export type NationalIdProblem = 'EMPTY' | 'LENGTH' | 'FORMAT' | 'LETTER' | 'GENDER_DIGIT' | 'CHECKSUM' | 'OLD_FORMAT_EXPIRED';

export type NationalIdResult =
  | { valid: true; value: string; kind: NationalIdKind }
  | { valid: false; reason: NationalIdProblem; message: string };

/** Full-width letters and digits (Ａ１２３…) are common in Taiwanese input: fold them, trim, upper-case. */
export function normaliseIdentifier(input: string): string {
  // Fast path for the common case (already plain ASCII upper case): the import checks millions.
  if (/^[A-Z0-9]+$/.test(input)) return input;
  return input.normalize('NFKC').trim().toUpperCase();
}

function checksumOk(letterValue: number, digits: number[]): boolean {
  let sum = Math.floor(letterValue / 10) * WEIGHTS[0]! + (letterValue % 10) * WEIGHTS[1]!;
  for (let index = 0; index < digits.length; index++) sum += digits[index]! * WEIGHTS[index + 2]!;
  return sum % 10 === 0;
}

/** Digits of `value` from `start`, as numbers (no intermediate arrays of strings: the import checks millions). */
function digitsOf(value: string, start: number): number[] {
  const digits: number[] = [];
  for (let index = start; index < value.length; index++) digits.push(value.charCodeAt(index) - 48);
  return digits;
}

export function validateNationalId(input: string, at: Date = new Date()): NationalIdResult {
  const value = normaliseIdentifier(input);
  if (value === '') return { valid: false, reason: 'EMPTY', message: 'Enter the national ID number.' };
  if (value.length !== 10) return { valid: false, reason: 'LENGTH', message: `A national ID number has 10 characters; this one has ${value.length}.` };
  if (!/^[A-Z]/.test(value)) return { valid: false, reason: 'LETTER', message: 'A national ID number starts with a letter A–Z.' };

  if (/^[A-Z][A-Z]\d{8}$/.test(value)) {
    // Old-format resident certificate (舊式居留證統一證號): the second letter is A–D.
    const second = value[1]!;
    if (!'ABCD'.includes(second)) {
      return { valid: false, reason: 'LETTER', message: 'In an old-format resident certificate number the second letter is A, B, C or D.' };
    }
    const digits = [LETTER_VALUES[second]! % 10, ...digitsOf(value, 2)];
    if (!checksumOk(LETTER_VALUES[value[0]!]!, digits)) {
      return { valid: false, reason: 'CHECKSUM', message: 'The check digit does not match: the resident certificate number has a typing error.' };
    }
    if (at >= OLD_RESIDENT_FORMAT_VALID_UNTIL) {
      return { valid: false, reason: 'OLD_FORMAT_EXPIRED', message: 'Old-format resident certificate numbers were valid until 2030-12-31; ask for the new number (one letter and nine digits).' };
    }
    return { valid: true, value, kind: 'RESIDENT_OLD_FORMAT' };
  }

  if (!/^[A-Z]\d{9}$/.test(value)) {
    return { valid: false, reason: 'FORMAT', message: 'A national ID number is one letter followed by nine digits (e.g. A123456789).' };
  }
  const first = value[1]!;
  if (!'1289'.includes(first)) {
    return { valid: false, reason: 'GENDER_DIGIT', message: 'The first digit must be 1 or 2 (citizens) or 8 or 9 (residents).' };
  }
  if (!checksumOk(LETTER_VALUES[value[0]!]!, digitsOf(value, 1))) {
    return { valid: false, reason: 'CHECKSUM', message: 'The check digit does not match: the national ID number has a typing error.' };
  }
  return { valid: true, value, kind: first === '1' || first === '2' ? 'CITIZEN' : 'RESIDENT' };
}
