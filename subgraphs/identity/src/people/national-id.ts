import { createHmac, hkdfSync } from 'node:crypto';
import { InputError } from '@custos/federation';

/**
 * National IDs (身分證字號) of officials. Validated at every input with the official checksum, then
 * kept only as a keyed hash (HMAC-SHA256 with a per-city key, to find duplicates) and a masked form
 * for display. The clear ID is never stored, logged or returned.
 */

// Letter values of the first character (security-notes.md): A10 B11 … with I, O, W, X, Y, Z out of order.
const LETTER_VALUES: Record<string, number> = {
  A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, I: 34, J: 18, K: 19, L: 20, M: 21,
  N: 22, O: 35, P: 23, Q: 24, R: 25, S: 26, T: 27, U: 28, V: 29, W: 32, X: 30, Y: 31, Z: 33,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 1, 1];

/** Why an ID was refused, in words an admin can act on. */
export function nationalIdProblem(raw: string): string | null {
  const id = raw.trim().toUpperCase();
  // Old-format resident certificates (two letters + 8 digits) stay valid until 2031-01-01, but an
  // official's account needs the person's own national ID or new-format resident certificate number.
  if (/^[A-Z]{2}\d{8}$/.test(id)) {
    return 'Old-format resident certificate numbers (two letters and 8 digits) are not accepted: enter the national ID or the new-format resident certificate number (one letter and 9 digits).';
  }
  if (!/^[A-Z]\d{9}$/.test(id)) return 'A national ID is one letter followed by 9 digits, e.g. A123456789.';
  // 1/2: citizens (male/female); 8/9: new-format resident certificates (2021 on).
  if (!'1289'.includes(id[1]!)) return 'The first digit of a national ID must be 1 or 2 (or 8 or 9 for a resident certificate).';
  const letter = LETTER_VALUES[id[0]!]!;
  let sum = Math.floor(letter / 10) * 1 + (letter % 10) * 9;
  for (let index = 0; index < 9; index += 1) sum += Number(id[index + 1]) * WEIGHTS[index]!;
  if (sum % 10 !== 0) return 'This national ID fails the checksum: check each digit again.';
  return null;
}

/** The normalised ID, or INVALID_NATIONAL_ID naming the field and the reason. */
export function parseNationalId(raw: string, field: string): string {
  const problem = nationalIdProblem(raw);
  if (problem) throw new InputError('INVALID_NATIONAL_ID', problem, field);
  return raw.trim().toUpperCase();
}

/** For display: the letter, the first three digits and the last two, e.g. A123****89. */
export function maskNationalId(id: string): string {
  return `${id.slice(0, 4)}****${id.slice(8)}`;
}

export interface NationalIdHasher {
  hash(cityId: string, nationalId: string): string;
}

/**
 * Keyed hashes with one key per city. Keys come from NATIONAL_ID_HASH_KEYS; a city without a
 * configured key gets one derived (HKDF-SHA256) from `fallbackSecret`, so hashes stay stable across
 * restarts even before the platform hands identity keys of its own.
 */
export function createNationalIdHasher(keys: Record<string, string>, fallbackSecret: string): NationalIdHasher {
  const cache = new Map<string, Buffer>();
  const keyFor = (cityId: string): Buffer => {
    let key = cache.get(cityId);
    if (!key) {
      const configured = keys[cityId];
      key = configured
        ? Buffer.from(configured, 'utf8')
        : Buffer.from(hkdfSync('sha256', fallbackSecret, 'custos-identity', `national-id-hash:${cityId}`, 32));
      cache.set(cityId, key);
    }
    return key;
  };
  return {
    hash: (cityId, nationalId) => createHmac('sha256', keyFor(cityId)).update(nationalId).digest('hex'),
  };
}
