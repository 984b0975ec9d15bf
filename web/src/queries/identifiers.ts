/**
 * The subject of a query request, checked as it is typed with the same rules as the query-log service
 * (subgraphs/query-log/src/identifiers): 身分證字號 / 居留證統一證號 and 統一編號, each with its official checksum.
 * The service checks again; this only lets the form say why a number is wrong next to the field, before sending it.
 */
export type SubjectKind = 'NATIONAL_ID' | 'BUSINESS_NUMBER';

/** The reasons the service gives (`extensions.reason`), so a server refusal and a local check read the same. */
export type SubjectProblem = 'EMPTY' | 'LENGTH' | 'FORMAT' | 'LETTER' | 'GENDER_DIGIT' | 'CHECKSUM' | 'OLD_FORMAT_EXPIRED';

export type SubjectCheck =
  | { valid: true; value: string; masked: string }
  | { valid: false; reason: SubjectProblem; length?: number };

const LETTER_VALUES: Record<string, number> = {
  A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, I: 34, J: 18, K: 19, L: 20, M: 21,
  N: 22, O: 35, P: 23, Q: 24, R: 25, S: 26, T: 27, U: 28, V: 29, W: 32, X: 30, Y: 31, Z: 33,
};
const NATIONAL_ID_WEIGHTS = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1];
const BUSINESS_NUMBER_WEIGHTS = [1, 2, 1, 2, 1, 2, 4, 1];

/** Old-format resident numbers (two letters, eight digits) are valid until 2030-12-31, Taiwan time. */
export const OLD_RESIDENT_FORMAT_VALID_UNTIL = new Date('2031-01-01T00:00:00+08:00');

/** Full-width letters and digits (Ａ１２３…) are common in Taiwanese input: fold them, trim, upper-case. */
export function normaliseIdentifier(input: string): string {
  return input.normalize('NFKC').trim().toUpperCase();
}

function nationalIdChecksumOk(letterValue: number, digits: number[]): boolean {
  let sum = Math.floor(letterValue / 10) * NATIONAL_ID_WEIGHTS[0]! + (letterValue % 10) * NATIONAL_ID_WEIGHTS[1]!;
  digits.forEach((digit, index) => (sum += digit * NATIONAL_ID_WEIGHTS[index + 2]!));
  return sum % 10 === 0;
}

/** `A12*****89`, `045***57`: enough to recognise, not to identify (as the service masks). */
export function maskSubject(value: string): string {
  return `${value.slice(0, 3)}${'*'.repeat(Math.max(0, value.length - 5))}${value.slice(-2)}`;
}

export function checkNationalId(input: string, at: Date = new Date()): SubjectCheck {
  const value = normaliseIdentifier(input);
  if (value === '') return { valid: false, reason: 'EMPTY' };
  if (value.length !== 10) return { valid: false, reason: 'LENGTH', length: value.length };
  if (!/^[A-Z]/.test(value)) return { valid: false, reason: 'LETTER' };
  if (/^[A-Z][A-Z]\d{8}$/.test(value)) {
    const second = value[1]!;
    if (!'ABCD'.includes(second)) return { valid: false, reason: 'LETTER' };
    const digits = [LETTER_VALUES[second]! % 10, ...value.slice(2).split('').map(Number)];
    if (!nationalIdChecksumOk(LETTER_VALUES[value[0]!]!, digits)) return { valid: false, reason: 'CHECKSUM' };
    if (at >= OLD_RESIDENT_FORMAT_VALID_UNTIL) return { valid: false, reason: 'OLD_FORMAT_EXPIRED' };
    return { valid: true, value, masked: maskSubject(value) };
  }
  if (!/^[A-Z]\d{9}$/.test(value)) return { valid: false, reason: 'FORMAT' };
  if (!'1289'.includes(value[1]!)) return { valid: false, reason: 'GENDER_DIGIT' };
  if (!nationalIdChecksumOk(LETTER_VALUES[value[0]!]!, value.slice(1).split('').map(Number))) return { valid: false, reason: 'CHECKSUM' };
  return { valid: true, value, masked: maskSubject(value) };
}

/**
 * 統一編號: weights 1 2 1 2 1 2 4 1, the digits of each product added; the total divisible by 5 (the rule since 2023);
 * when the 7th digit is 7 the number is also valid when total + 1 is.
 */
export function checkBusinessNumber(input: string): SubjectCheck {
  const value = normaliseIdentifier(input);
  if (value === '') return { valid: false, reason: 'EMPTY' };
  if (!/^\d+$/.test(value)) return { valid: false, reason: 'FORMAT' };
  if (value.length !== 8) return { valid: false, reason: 'LENGTH', length: value.length };
  const digits = value.split('').map(Number);
  const total = digits.reduce((sum, digit, index) => {
    const product = digit * BUSINESS_NUMBER_WEIGHTS[index]!;
    return sum + Math.floor(product / 10) + (product % 10);
  }, 0);
  const valid = total % 5 === 0 || (digits[6] === 7 && (total + 1) % 5 === 0);
  return valid ? { valid: true, value, masked: maskSubject(value) } : { valid: false, reason: 'CHECKSUM' };
}

export function checkSubject(kind: SubjectKind, input: string, at: Date = new Date()): SubjectCheck {
  return kind === 'NATIONAL_ID' ? checkNationalId(input, at) : checkBusinessNumber(input);
}
