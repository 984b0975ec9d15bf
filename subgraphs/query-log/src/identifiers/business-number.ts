import { normaliseIdentifier } from './national-id';

/**
 * 統一編號 (business administration number): 8 digits, weights 1 2 1 2 1 2 4 1; the digits of each
 * product are added (14 → 1+4); the total must be divisible by 5 — the rule since 2023, which every
 * number valid under the older "divisible by 10" rule also satisfies. When the 7th digit is 7 its
 * product 28 counts as 10 (2+8), and since that 10 may be read as 1 or 0, the number is also valid
 * when total + 1 is divisible by 5.
 */
const WEIGHTS = [1, 2, 1, 2, 1, 2, 4, 1];

export type BusinessNumberProblem = 'EMPTY' | 'LENGTH' | 'FORMAT' | 'CHECKSUM';

export type BusinessNumberResult =
  | { valid: true; value: string }
  | { valid: false; reason: BusinessNumberProblem; message: string };

export function validateBusinessNumber(input: string): BusinessNumberResult {
  const value = normaliseIdentifier(input);
  if (value === '') return { valid: false, reason: 'EMPTY', message: 'Enter the business number (統一編號).' };
  if (!/^\d+$/.test(value)) return { valid: false, reason: 'FORMAT', message: 'A business number (統一編號) has digits only.' };
  if (value.length !== 8) return { valid: false, reason: 'LENGTH', message: `A business number (統一編號) has 8 digits; this one has ${value.length}.` };
  const digits = value.split('').map(Number);
  const total = digits.reduce((sum, digit, index) => {
    const product = digit * WEIGHTS[index]!;
    return sum + Math.floor(product / 10) + (product % 10);
  }, 0);
  const valid = total % 5 === 0 || (digits[6] === 7 && (total + 1) % 5 === 0);
  if (!valid) return { valid: false, reason: 'CHECKSUM', message: 'The check digit does not match: the business number (統一編號) has a typing error.' };
  return { valid: true, value };
}
