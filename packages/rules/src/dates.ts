import { RulesError } from './errors';

/** A calendar date in Taiwan, `YYYY-MM-DD`. Rules take effect on calendar days, so this is what every lookup compares. */
export type IsoDate = string;
export type DateInput = IsoDate | Date;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Taiwan has kept UTC+8 without daylight saving since 1979. */
const TAIWAN_OFFSET_MS = 8 * 60 * 60 * 1000;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/**
 * The Taiwan calendar date of an instant, or a validated `YYYY-MM-DD`.
 * An instant matters at the boundary: 2021-01-13T16:00Z is already 2021-01-14 in Taipei,
 * the day Taipei's rules stopped applying.
 */
export function toTaiwanDate(input: DateInput): IsoDate {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) throw new RulesError('INVALID_DATE', 'Invalid date: the Date object is not a valid instant');
    return new Date(input.getTime() + TAIWAN_OFFSET_MS).toISOString().slice(0, 10);
  }
  if (typeof input !== 'string' || !isIsoDate(input)) {
    throw new RulesError('INVALID_DATE', `Invalid date "${String(input)}": expected a calendar date YYYY-MM-DD or a Date`);
  }
  return input;
}

function parts(date: IsoDate): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y, m, d];
}

function format(y: number, m: number, d: number): IsoDate {
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = parts(date);
  return format(y, m, d + days);
}

/** First day of the month `months` after the month of `date`. */
export function firstOfMonth(year: number, month: number): IsoDate {
  return format(year, month, 1);
}

export function lastOfMonth(year: number, month: number): IsoDate {
  return format(year, month + 1, 0);
}

/** `day` of a month, clamped to the month's length (day 31 of February is its last day). */
export function dayOfMonth(year: number, month: number, day: number): IsoDate {
  const last = Number(lastOfMonth(year, month).slice(8));
  return format(year, month, Math.min(day, last));
}

export function yearOf(date: IsoDate): number {
  return parts(date)[0];
}
