import type { OfficeHours } from './schema';

const TAIWAN_OFFSET_MINUTES = 8 * 60;

/**
 * Whether an instant falls inside office hours (Taipei 6(三): no queries 非辦公時間), read from the
 * hours in the profile. Holidays are not known here; callers with a holiday calendar check it too.
 */
export function isWithinOfficeHours(hours: OfficeHours, instant: Date): boolean {
  const local = new Date(instant.getTime() + TAIWAN_OFFSET_MINUTES * 60_000);
  const isoWeekday = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
  if (!hours.weekdays.includes(isoWeekday)) return false;
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return minutes >= toMinutes(hours.from) && minutes < toMinutes(hours.to);
}
