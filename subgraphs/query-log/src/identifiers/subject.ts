import { DomainError, InputError } from '@custos/federation';
import { createHmac } from 'node:crypto';
import { validateBusinessNumber } from './business-number';
import { validateNationalId } from './national-id';

/** Whose data was queried: a person (national ID / resident number) or a business (統一編號). */
export const SUBJECT_KINDS = ['NATIONAL_ID', 'BUSINESS_NUMBER'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** A validated subject in normal form. Lives only in memory: never logged, stored or returned. */
export interface Subject {
  kind: SubjectKind;
  value: string;
}

/** Validates `input` as `kind`, or throws INVALID_NATIONAL_ID / INVALID_BUSINESS_NUMBER with the reason. */
export function parseSubject(kind: SubjectKind, input: string, field: string, at: Date = new Date()): Subject {
  if (kind === 'NATIONAL_ID') {
    const result = validateNationalId(input, at);
    if (!result.valid) throw new InputError('INVALID_NATIONAL_ID', result.message, field, { reason: result.reason });
    return { kind, value: result.value };
  }
  const result = validateBusinessNumber(input);
  if (!result.valid) throw new InputError('INVALID_BUSINESS_NUMBER', result.message, field, { reason: result.reason });
  return { kind, value: result.value };
}

/** The kind a bureau file's subject looks like: digits only → business number, else national ID. */
export function guessSubjectKind(input: string): SubjectKind {
  return /^\s*[0-9０-９]/.test(input) ? 'BUSINESS_NUMBER' : 'NATIONAL_ID';
}

/** `A12*****89` for a national ID, `045***57` for a business number: enough to recognise, not to identify. */
export function maskSubject(subject: Subject): string {
  const { value } = subject;
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 5)}${value.slice(-2)}`;
}

/**
 * Keyed hashes of subjects: HMAC-SHA256 under the city's own secret, over "<kind>:<value>". Equal
 * subjects match within a city (register filters, reconciliation with the bureau's records); without
 * the key nobody can test a guessed ID against the stored hash, and cities cannot match each other's.
 */
export class SubjectHasher {
  private readonly keys: Map<string, Buffer>;

  constructor(keys: Record<string, string>) {
    this.keys = new Map(Object.entries(keys).map(([cityId, secret]) => [cityId, Buffer.from(secret, 'base64url')]));
  }

  private key(cityId: string): Buffer {
    const key = this.keys.get(cityId);
    if (!key) throw new DomainError('SUBJECT_KEY_MISSING', `No subject key is configured for ${cityId}.`);
    return key;
  }

  hash(cityId: string, subject: Subject): string {
    return createHmac('sha256', this.key(cityId)).update(`${subject.kind}:${subject.value}`).digest('hex');
  }

  /** The per-city secret, for deriving other per-city keys (HKDF) where no dedicated key is configured. */
  secret(cityId: string): Buffer {
    return this.key(cityId);
  }
}
