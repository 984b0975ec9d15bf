import type { AgencyScope, PlatformRole } from '../ids';
import { PLATFORM_DEFAULT_CITATION } from '../profile-validation';
import type { RuleVersionInput } from '../schema';

/*
 * Small constructors that keep the profile files readable: each says where a value comes from.
 * They only build plain objects; the schema validates them at load.
 */

/** A value the rule states. */
export function rule<T>(value: T, citation: string, note?: string) {
  return { value, citation, source: 'rule' as const, ...(note === undefined ? {} : { note }) };
}

/** A value recording that the rule has no such provision; cite as `<City> (no provision; cf. <point>)`. */
export function silent<T>(value: T, citation: string, note?: string) {
  return { value, citation, source: 'rule-silent' as const, ...(note === undefined ? {} : { note }) };
}

/** The platform's choice where the rule is silent or gives no number; `context` says which rule point defers. */
export function platformDefault<T>(value: T, context: string, note: string) {
  return { value, citation: `${PLATFORM_DEFAULT_CITATION} (${context})`, source: 'platform-default' as const, note };
}

export function role(titleZh: string, titleEn: string, citation: string, agencyZh: string | null = null, note?: string) {
  return rule({ present: true, titleZh, titleEn, agencyZh }, citation, note);
}

export function noRole(citation: string, note?: string) {
  return silent({ present: false, titleZh: null, titleEn: null, agencyZh: null }, citation, note);
}

type StepInput = RuleVersionInput['applications']['user-account']['steps'][number];

export function step(
  roleId: PlatformRole,
  agency: AgencyScope,
  action: StepInput['action'],
  titleZh: string,
  citation: string,
  extra: Partial<Pick<StepInput, 'onlyWhen' | 'alternatives' | 'note' | 'source'>> = {},
): StepInput {
  return { role: roleId, agency, action, titleZh, citation, ...extra };
}

export type ApplicationInput = RuleVersionInput['applications']['user-account'];

/** An application kind the rule does not provide for. */
export function unavailableApplication(citation: string, note: string): ApplicationInput {
  return {
    available: rule(false, citation, note),
    operations: rule([], citation),
    formKind: null,
    steps: [],
    requiresLegalBasis: silent(false, citation),
    personalDataAcknowledgement: silent(false, citation),
  };
}
