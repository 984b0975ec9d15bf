/**
 * @custos/rules — every behaviour that differs between cities, as versioned, cited data.
 * Services ask `rules.at(city, service, date)` and never branch on a city's name.
 */
export { CITY_IDS, SERVICE_IDS, PLATFORM_ROLES, AGENCY_SCOPES, APPLICATION_KINDS, APPLICATION_OPERATIONS, CADENCES, RULE_SOURCES } from './ids';
export type { CityId, ServiceId, PlatformRole, AgencyScope, ApplicationKind, ApplicationOperation, Cadence, RuleSource } from './ids';

export type { CityInfo, ServiceInfo } from './cities';
export { RulesError, ProfileValidationError } from './errors';
export type { RulesErrorCode, ProfileIssue } from './errors';
export { toTaiwanDate } from './dates';
export type { IsoDate, DateInput } from './dates';

export { itemCatalogue, findItem, itemKey, isServiceId, UNSPECIFIED_LOOKUP_KEY } from './catalogue';
export type { QueryItem } from './catalogue';

export { validateProfile, validateProfiles, PLATFORM_DEFAULT_CITATION } from './profile-validation';
export { FORM_KINDS, OBLIGATION_KINDS, OBLIGATION_EVENTS, RECORD_KINDS, REGISTER_FIELDS, ANOMALY_ACTIONS, STEP_ACTIONS } from './schema';
export type {
  Cited,
  Citable,
  RuleProfile,
  RuleProfileInput,
  RuleVersion,
  RuleVersionInput,
  RoleMapping,
  ApplicationRule,
  ApprovalStep,
  Obligation,
  DueRule,
  SamplingRule,
  ChecklistItem,
  RetentionRule,
  RecordKind,
  FormKind,
  RuleForm,
  LegalBasis,
  OfficeHours,
  PasswordComplexity,
} from './schema';

export {
  PROFILES,
  PROFILE_INPUTS,
  TAIPEI_EFFECTIVE_FROM,
  TAIPEI_REPEALED_ON,
  TAOYUAN_EFFECTIVE_FROM,
  CHANGHUA_ORIGINAL_EFFECTIVE_FROM,
  CHANGHUA_REVISION_EFFECTIVE_FROM,
  TAINAN_EFFECTIVE_FROM,
} from './profiles';

export { rules, createRules, listCities, listServices, cityInfo, isCityId } from './rules';
export type { Rules, RuleLookup, RulesInForce, NoRulesInForce, NotInForceReason, ProfileSummary } from './rules';

export { sampleSize } from './sampling';
export { obligationCalendar, eventDeadline } from './calendar';
export type { CalendarEntry } from './calendar';
export { isWithinOfficeHours } from './office-hours';
export { comparisonTable, versionComparisonTable, renderComparisonMarkdown } from './comparison';
export type { ComparisonRow, ComparisonCell } from './comparison';
