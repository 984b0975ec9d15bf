import { DomainError, InputError } from '@custos/federation';
import { rules, type IsoDate, type RuleVersion, type ServiceId } from '@custos/rules';
import { addDays, addMonths } from '../shared/dates';
import type { AppliedSamplingRule, AuditMethodValue } from './audit.entity';

/** How an audit of a period is drawn under the city's rules. */
export interface AuditPlan {
  service: ServiceId;
  version: RuleVersion;
  method: AuditMethodValue;
  /** The sampling rule, or null for a full review (the rule samples nothing: every record is checked). */
  rule: AppliedSamplingRule | null;
  citation: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
}

/** A review of every record spans whole months, at most a year (Taoyuan checks a month, Taipei audits every 6 months). */
const MAX_FULL_REVIEW_MONTHS = 12;

function lastDayOfMonth(date: IsoDate): IsoDate {
  return addDays(addMonths(`${date.slice(0, 7)}-01`, 1), -1);
}

/** The version governing a period: the one in force at its end, else at its start (Taipei's last half-year before the repeal). */
function governingVersion(cityId: string, service: ServiceId, periodStart: IsoDate, periodEnd: IsoDate): RuleVersion {
  const atEnd = rules.at(cityId, service, periodEnd);
  if (atEnd.inForce) return atEnd.version;
  const atStart = rules.at(cityId, service, periodStart);
  if (atStart.inForce) return atStart.version;
  throw new DomainError('NO_RULES_IN_FORCE', atEnd.message, { citation: atEnd.citation });
}

/**
 * Checks the period against the city's sampling rule and says how to draw: a month for Tainan 8(一), a
 * calendar half-year for Changhua 8(一); whole months when the rule does not sample (every record checked).
 * The period must be over: a sample of an open period would miss records still to come.
 */
export function planAudit(cityId: string, service: ServiceId, periodStart: IsoDate, periodEnd: IsoDate, today: IsoDate): AuditPlan {
  if (periodEnd < periodStart) throw new InputError('INVALID_AUDIT_PERIOD', `The period ends (${periodEnd}) before it starts (${periodStart}).`, 'periodEnd');
  const version = governingVersion(cityId, service, periodStart, periodEnd);
  const sampling = version.audits.sampling;
  const rule = sampling.value;
  if (rule) {
    const months = rule.period === 'month' ? 1 : 6;
    const startsPeriod = periodStart.endsWith('-01') && (rule.period === 'month' || periodStart.slice(5, 7) === '01' || periodStart.slice(5, 7) === '07');
    const expectedEnd = addDays(addMonths(periodStart, months), -1);
    if (!startsPeriod || periodEnd !== expectedEnd) {
      const shape = rule.period === 'month' ? 'a calendar month (e.g. 2024-03-01..2024-03-31)' : 'a calendar half-year (YYYY-01-01..YYYY-06-30 or YYYY-07-01..YYYY-12-31)';
      throw new InputError('INVALID_AUDIT_PERIOD', `These rules sample per ${rule.period === 'month' ? 'month' : 'half year'} (${sampling.citation}): the period must be ${shape}.`, 'periodStart');
    }
  } else {
    const spanMonths = (Number(periodEnd.slice(0, 4)) - Number(periodStart.slice(0, 4))) * 12 + Number(periodEnd.slice(5, 7)) - Number(periodStart.slice(5, 7)) + 1;
    if (!periodStart.endsWith('-01') || periodEnd !== lastDayOfMonth(periodEnd) || spanMonths > MAX_FULL_REVIEW_MONTHS) {
      throw new InputError(
        'INVALID_AUDIT_PERIOD',
        `These rules do not sample (${sampling.citation}), so every record of the period is checked: give whole months, at most ${MAX_FULL_REVIEW_MONTHS}.`,
        'periodStart',
      );
    }
  }
  if (periodEnd >= today) throw new InputError('PERIOD_NOT_ENDED', `The period runs until ${periodEnd}: audit it once it is over.`, 'periodEnd');
  return {
    service,
    version,
    method: rule ? 'sample' : 'full-review',
    rule: rule ? { ...rule, citation: sampling.citation, source: sampling.source } : null,
    citation: sampling.citation,
    periodStart,
    periodEnd,
  };
}
