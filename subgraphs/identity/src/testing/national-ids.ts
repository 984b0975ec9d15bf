/** A valid national ID (letter A, checksum per security-notes.md) made from a number, distinct for each `n`. */
export function testNationalId(n: number): string {
  const digits = `1${String(n).padStart(7, '0')}`;
  const weights = [8, 7, 6, 5, 4, 3, 2, 1];
  // A = 10: 1*1 + 0*9.
  const sum = 1 + [...digits].reduce((total, digit, index) => total + Number(digit) * weights[index]!, 0);
  return `A${digits}${(10 - (sum % 10)) % 10}`;
}
