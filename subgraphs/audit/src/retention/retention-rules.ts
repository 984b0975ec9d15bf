import { rules, type IsoDate, type RecordKind, type ServiceId } from '@custos/rules';
import { addMonths } from '../shared/dates';

/** How long a record must be kept, and under which rule. */
export interface RetentionDecision {
  recordKind: RecordKind;
  minimumYears: number;
  citation: string;
  ruleVersionId: string;
  /** The last day the record must still exist: it may be destroyed from the day after. */
  retainUntil: IsoDate;
}

/**
 * The retention of a record made on `recordDate`: the version the record applied, the rules in force on
 * that day and those in force today are all asked (a revision may lengthen the period), and the longer period wins. `kinds` are
 * tried in order (an investigation is an 'audit-report' where the rules name one, else an 'audit-record').
 * Null when no rule sets a period: then the record is kept (Taoyuan states none).
 */
export function retentionFor(
  cityId: string,
  service: ServiceId,
  kinds: readonly RecordKind[],
  recordDate: IsoDate,
  today: IsoDate,
  /** The version the record itself applied (an audit of Taipei's last months, made after the repeal). */
  ownVersionId?: string | null,
): RetentionDecision | null {
  const own = ownVersionId ? rules.versions(cityId, service).filter((v) => v.id === ownVersionId) : [];
  const versions = [...own, ...[rules.at(cityId, service, recordDate), rules.at(cityId, service, today)].flatMap((lookup) => (lookup.inForce ? [lookup.version] : []))];
  let best: RetentionDecision | null = null;
  for (const version of versions) {
    for (const kind of kinds) {
      const rule = version.retention.value.find((r) => r.recordKind === kind && r.startsAt === 'record-date');
      if (!rule) continue;
      const retainUntil = addMonths(recordDate, 12 * rule.minimumYears);
      if (!best || retainUntil > best.retainUntil) {
        best = { recordKind: kind, minimumYears: rule.minimumYears, citation: rule.citation, ruleVersionId: version.id, retainUntil };
      }
      break;
    }
  }
  return best;
}
