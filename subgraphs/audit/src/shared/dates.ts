import { InputError } from '@custos/federation';
import { toTaiwanDate, type IsoDate } from '@custos/rules';

/** Today's calendar date in Taiwan (UTC+8): due dates and retention are counted in Taiwan days. */
export function taiwanToday(now: Date): IsoDate {
  return toTaiwanDate(now);
}

/** A `YYYY-MM-DD` argument, or INVALID_DATE naming the field. */
export function parseDateArg(value: string, field: string): IsoDate {
  try {
    return toTaiwanDate(value);
  } catch {
    throw new InputError('INVALID_DATE', `"${value}" is not a calendar date: write it as YYYY-MM-DD.`, field);
  }
}

/** The instant a Taiwan calendar day starts: 00:00 at UTC+8. */
export function startOfTaiwanDay(date: IsoDate): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The same day `months` later, clamped to the month's end (2024-08-31 + 6 months → 2025-02-28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
