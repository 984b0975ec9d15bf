import { addDays, dayOfMonth, firstOfMonth, lastOfMonth, toTaiwanDate, yearOf, type DateInput, type IsoDate } from './dates';
import { RulesError } from './errors';
import type { Cadence, CityId, PlatformRole, ServiceId } from './ids';
import { rules as shippedRules, type Rules } from './rules';
import type { DueRule, Obligation } from './schema';

/** One dated duty in an audit calendar. */
export interface CalendarEntry {
  dueDate: IsoDate;
  city: CityId;
  service: ServiceId;
  versionId: string;
  obligationId: string;
  kind: Obligation['kind'];
  cadence: Cadence;
  owner: PlatformRole;
  description: string;
  citation: string;
  /** The period the duty covers, e.g. the month whose records are handed in by the 10th of the next. */
  periodStart: IsoDate;
  periodEnd: IsoDate;
}

const PERIOD_MONTHS: Record<Exclude<Cadence, 'event'>, number> = { monthly: 1, quarterly: 3, 'half-yearly': 6, yearly: 12 };

function dueDateFor(rule: DueRule, periodEndYear: number, periodEndMonth: number): IsoDate | null {
  switch (rule.type) {
    case 'end-of-period':
      return lastOfMonth(periodEndYear, periodEndMonth);
    case 'day-of-following-month':
      return periodEndMonth === 12 ? dayOfMonth(periodEndYear + 1, 1, rule.day) : dayOfMonth(periodEndYear, periodEndMonth + 1, rule.day);
    case 'month-day-following-year':
      return dayOfMonth(periodEndYear + 1, rule.month, rule.day);
    default:
      return null; // event-driven: not on the calendar
  }
}

/**
 * The recurring obligations of a city's rules falling due between `from` and `to` (inclusive),
 * generated from the profile data. An obligation is listed only if the version that defines it is
 * in force on its due date: after Taipei's repeal on 2021-01-14 nothing more falls due, not even
 * the annual report for 2020.
 */
export function obligationCalendar(
  city: CityId | string,
  service: ServiceId | string,
  from: DateInput,
  to: DateInput,
  api: Rules = shippedRules,
): CalendarEntry[] {
  const start = toTaiwanDate(from);
  const end = toTaiwanDate(to);
  if (end < start) throw new RulesError('INVALID_DATE', `Invalid range: ${end} is before ${start}`);
  const entries: CalendarEntry[] = [];
  for (const version of api.versions(city, service)) {
    for (const obligation of version.obligations) {
      if (obligation.cadence === 'event') continue;
      const length = PERIOD_MONTHS[obligation.cadence];
      // Periods ending up to a year before `start` can still fall due inside the range (e.g. by the end of March).
      for (let year = yearOf(start) - 1; year <= yearOf(end); year++) {
        for (let month = 1; month <= 12; month += length) {
          const endMonth = month + length - 1;
          const dueDate = dueDateFor(obligation.dueRule, year, endMonth);
          if (dueDate === null || dueDate < start || dueDate > end) continue;
          const lookup = api.at(city, service, dueDate);
          if (!lookup.inForce || lookup.version.id !== version.id) continue;
          entries.push({
            dueDate,
            city: lookup.city,
            service: lookup.service,
            versionId: version.id,
            obligationId: obligation.id,
            kind: obligation.kind,
            cadence: obligation.cadence,
            owner: obligation.owner,
            description: obligation.description,
            citation: obligation.citation,
            periodStart: firstOfMonth(year, month),
            periodEnd: lastOfMonth(year, endMonth),
          });
        }
      }
    }
  }
  return entries.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.obligationId.localeCompare(b.obligationId));
}

/**
 * The last day to fulfil an event-driven obligation, given the event's date.
 * Changhua 4(八) 異動翌日起七日內: an admin change on 2024-03-01 must be notified by 2024-03-08.
 */
export function eventDeadline(rule: DueRule, eventDate: DateInput): IsoDate {
  const date = toTaiwanDate(eventDate);
  switch (rule.type) {
    case 'days-after-event':
      return addDays(date, rule.countFrom === 'next-day' ? rule.days : rule.days - 1);
    case 'on-or-before-event':
    case 'upon-event':
      return date;
    default:
      throw new RulesError('INVALID_DATE', `"${rule.type}" is a calendar rule, not an event rule`);
  }
}
