import { rules, type RuleVersion } from '@custos/rules';
import type { DecisionReason } from '../platform/platform-gateway';

export type QueryRulesLookup =
  | { inForce: true; version: RuleVersion }
  | { inForce: false; reason: DecisionReason; lastVersion: RuleVersion | null };

/**
 * The query controls of `cityId`'s rules for `service` in force on `at` (a Taiwan calendar date).
 * Every record is judged by the rules in force on its own date: Taipei's repeal on 2021-01-14 refuses
 * later queries, citing the repeal.
 */
export function queryRulesAt(cityId: string, service: string, at: Date): QueryRulesLookup {
  const lookup = rules.at(cityId, service, at);
  if (lookup.inForce) return { inForce: true, version: lookup.version };
  const code = lookup.reason === 'no-profile' ? 'SERVICE_NOT_GOVERNED' : 'RULES_NOT_IN_FORCE';
  return { inForce: false, reason: { code, message: lookup.message, citation: lookup.citation }, lastVersion: lookup.lastVersion };
}
