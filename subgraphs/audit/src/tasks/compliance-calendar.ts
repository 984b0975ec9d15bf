import { eventDeadline, obligationCalendar, rules, type IsoDate, type Obligation, type RuleVersion, type ServiceId } from '@custos/rules';

/** A task the rules call for, before it is stored. */
export interface PlannedTask {
  obligationId: string;
  kind: Obligation['kind'];
  cadence: Obligation['cadence'];
  title: string;
  citation: string;
  ownerRole: Obligation['owner'];
  service: ServiceId;
  ruleVersionId: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  dueOn: IsoDate;
}

/**
 * The recurring obligations of every service the city's rules govern that fall due between `from` and
 * `to`, straight from `obligationCalendar`: the rules package decides dates and which version applies.
 */
export function plannedCalendarTasks(cityId: string, from: IsoDate, to: IsoDate): PlannedTask[] {
  return rules.profilesFor(cityId).flatMap((profile) =>
    obligationCalendar(cityId, profile.service, from, to).map((entry) => ({
      obligationId: entry.obligationId,
      kind: entry.kind,
      cadence: entry.cadence,
      title: entry.description,
      citation: entry.citation,
      ownerRole: entry.owner,
      service: entry.service,
      ruleVersionId: entry.versionId,
      periodStart: entry.periodStart,
      periodEnd: entry.periodEnd,
      dueOn: entry.dueDate,
    })),
  );
}

/** The event the obligation waits for, or null for a calendar obligation. */
function eventOf(obligation: Obligation): string | null {
  const rule = obligation.dueRule;
  return rule.type === 'days-after-event' || rule.type === 'on-or-before-event' || rule.type === 'upon-event' ? rule.event : null;
}

/**
 * The obligations an event starts under the version in force on the day it happened, each due by
 * `eventDeadline` (Changhua 4(八): an admin change on 2024-03-01 must be notified by 2024-03-08).
 */
export function plannedEventTasks(version: RuleVersion, service: ServiceId, eventKind: string, occurredOn: IsoDate): PlannedTask[] {
  return version.obligations
    .filter((obligation) => eventOf(obligation) === eventKind)
    .map((obligation) => ({
      obligationId: obligation.id,
      kind: obligation.kind,
      cadence: obligation.cadence,
      title: obligation.description,
      citation: obligation.citation,
      ownerRole: obligation.owner,
      service,
      ruleVersionId: version.id,
      periodStart: occurredOn,
      periodEnd: occurredOn,
      dueOn: eventDeadline(obligation.dueRule, occurredOn),
    }));
}
