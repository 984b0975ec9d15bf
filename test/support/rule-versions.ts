import { demoUsers } from '@custos/demo';
import { rules } from '@custos/rules';

/**
 * For rows a test writes as the owner into a city's audit tables: the city's own pages read the checklist,
 * the sampling rule and the sign-off chain from the rule version a row names, and name who drew an audit,
 * so both must be real or the city's whole audit list fails for every test after.
 */
export function ruleVersionOf(cityId: string, service: string, at: Date = new Date()): string {
  const found = rules.at(cityId, service, at);
  if (!found.inForce) throw new Error(`no rules in force for ${cityId}/${service}: ${found.message}`);
  return found.version.id;
}

/** A demo auditor of the city, as the drawer of an audit written by a test. */
export function auditorOf(cityId: string): string {
  return demoUsers.find((candidate) => candidate.cityId === cityId && (candidate.roles as string[]).includes('AUDITOR'))!.accountId;
}
