import { InputError } from '@custos/federation';
import { cityInfo, comparisonTable, isCityId, rules, toTaiwanDate } from '@custos/rules';
import type { RuleComparisonRowType, RuleStatusType } from './rules.type';

/** Reads the rule profiles (static, validated data); nothing here touches the database. */
export class RulesService {
  comparison(on: string | null | undefined, now: Date): RuleComparisonRowType[] {
    return comparisonTable(this.parseDate(on, now)).map((row) => ({
      id: row.id,
      topic: row.topic,
      cells: row.cells.map((cell) => ({ cityId: cell.city, inForce: cell.inForce, versionId: cell.versionId, text: cell.text, citation: cell.citation })),
    }));
  }

  status(cityId: string, on: string | null | undefined, now: Date): RuleStatusType | null {
    if (!isCityId(cityId)) return null;
    const service = cityInfo(cityId).service;
    const lookup = rules.at(cityId, service, this.parseDate(on, now));
    const profile = rules.profile(cityId, service);
    const title = profile?.titleZh ?? '';
    if (lookup.inForce) {
      return { service, date: lookup.date, inForce: true, versionId: lookup.version.id, effectiveFrom: lookup.version.effectiveFrom, message: null, citation: null, title };
    }
    return { service, date: lookup.date, inForce: false, versionId: null, effectiveFrom: null, message: lookup.message, citation: lookup.citation, title };
  }

  private parseDate(on: string | null | undefined, now: Date): string | Date {
    if (!on) return now;
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(on) ? new Date(`${on}T00:00:00Z`) : null;
    // A real calendar day only: the round trip catches 2021-02-30, which Date would roll over to March.
    if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== on) {
      throw new InputError('INVALID_DATE', `"${on}" is not a date; use YYYY-MM-DD.`, 'on');
    }
    return toTaiwanDate(on);
  }
}
