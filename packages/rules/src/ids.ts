/**
 * The closed vocabularies every other module speaks. They are plain string unions so that
 * rule profiles stay JSON data and services can switch on them without importing classes.
 */

export const CITY_IDS = ['taipei', 'taoyuan', 'changhua', 'tainan'] as const;
export type CityId = (typeof CITY_IDS)[number];

/** 勞保局 WebIR (勞動部勞工保險局) and 健保署 WebIR (衛生福利部中央健康保險署). */
export const SERVICE_IDS = ['labor-insurance', 'health-insurance'] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

/** The platform's roles; each city profile maps them to its local titles (domain.md, actors table). */
export const PLATFORM_ROLES = [
  'TOP_ADMIN',
  'REVIEWING_OFFICER',
  'AGENCY_ADMIN',
  'UNIT_ADMIN',
  'CASEWORKER',
  'AUDITOR',
  'ETHICS_OFFICER',
  'IT_OFFICER',
  'AGENCY_HEAD',
  'UNIT_HEAD',
  'BUREAU_OFFICER',
] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

/**
 * Where, relative to the applicant, an approval step happens.
 * `parent-agency` exists for Tainan 4(二)3 (a first-level agency's admin manages its
 * second-level agencies' admins); the others are the ones named in the rule texts.
 */
export const AGENCY_SCOPES = [
  'own-unit',
  'own-agency',
  'parent-agency',
  'reviewing-agency',
  'commissioning-agency',
  'top-admin',
  'bureau',
] as const;
export type AgencyScope = (typeof AGENCY_SCOPES)[number];

export const APPLICATION_KINDS = ['agency-admin-account', 'user-account', 'agency-items'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];

/** new/change/delete for accounts, add/remove for an agency's items. */
export const APPLICATION_OPERATIONS = ['new', 'change', 'delete', 'add', 'remove'] as const;
export type ApplicationOperation = (typeof APPLICATION_OPERATIONS)[number];

export const CADENCES = ['monthly', 'quarterly', 'half-yearly', 'yearly', 'event'] as const;
export type Cadence = (typeof CADENCES)[number];

/** How a rule value is known: stated by the rule, absent from it, or chosen by the platform because the rule is silent or gives no number. */
export const RULE_SOURCES = ['rule', 'rule-silent', 'platform-default'] as const;
export type RuleSource = (typeof RULE_SOURCES)[number];
