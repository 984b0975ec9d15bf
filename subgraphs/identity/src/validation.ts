import { InputError } from '@custos/federation';

/** Shared input checks: each names the field and says what would be accepted. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function requireReason(reason: string | null | undefined, field = 'reason'): string {
  const text = (reason ?? '').trim();
  if (text.length === 0) throw new InputError('REASON_REQUIRED', 'Say why: every change to an account is recorded with its reason.', field);
  if (text.length > 1000) throw new InputError('REASON_TOO_LONG', 'Keep the reason under 1000 characters.', field);
  return text;
}

export function requireUuid(value: string, field: string, what: string): string {
  if (!UUID.test(value)) throw new InputError('INVALID_ID', `${what} id is not valid.`, field);
  return value.toLowerCase();
}

/** A Taiwan calendar date, YYYY-MM-DD. */
export function requireDate(value: string, field: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== value.trim()) throw new InputError('INVALID_DATE', 'Give a date as YYYY-MM-DD.', field);
  return value.trim();
}

/** `date` plus `days`, both YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}
