import type { Language } from '../i18n/dictionaries';

/**
 * Dates and times as the console shows them. The platform works on Taiwan calendar days (the gateway's dates are
 * YYYY-MM-DD in Asia/Taipei), so instants are shown in Taiwan time whatever the browser's own zone is.
 */
export const TAIWAN_TIME_ZONE = 'Asia/Taipei';

const dayParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TAIWAN_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const timeParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TAIWAN_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function part(parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string {
  return parts.find((candidate) => candidate.type === type)?.value ?? '';
}

/** The Taiwan calendar day of an instant, YYYY-MM-DD. */
export function taiwanDate(instant: Date): string {
  const parts = dayParts.formatToParts(instant);
  return `${part(parts, 'year')}-${part(parts, 'month')}-${part(parts, 'day')}`;
}

/** Today in Taiwan, YYYY-MM-DD. */
export function todayInTaiwan(now: Date = new Date()): string {
  return taiwanDate(now);
}

/** An ISO instant as "YYYY-MM-DD HH:mm" Taiwan time; unreadable input is shown as given. */
export function formatDateTime(iso: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const time = timeParts.formatToParts(instant);
  return `${taiwanDate(instant)} ${part(time, 'hour')}:${part(time, 'minute')}`;
}

/** The Taiwan calendar day of an ISO instant. */
export function formatDate(iso: string): string {
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? iso : taiwanDate(instant);
}

/** True for a real calendar date written YYYY-MM-DD (what `<input type="date">` and the gateway use). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The month (YYYY-MM) of an ISO instant, in Taiwan time. */
export function taiwanMonth(iso: string): string {
  return formatDate(iso).slice(0, 7);
}

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(language).format(value);
}
