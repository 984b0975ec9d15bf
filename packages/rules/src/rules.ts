import { CITIES, SERVICES, type CityInfo, type ServiceInfo } from './cities';
import { assertServiceId } from './catalogue';
import { toTaiwanDate, type DateInput, type IsoDate } from './dates';
import { RulesError } from './errors';
import { CITY_IDS, type CityId, type ServiceId } from './ids';
import { PROFILES } from './profiles';
import type { RuleProfile, RuleVersion } from './schema';

export interface RulesInForce {
  inForce: true;
  city: CityId;
  service: ServiceId;
  /** The Taiwan calendar date that was looked up. */
  date: IsoDate;
  version: RuleVersion;
  profile: ProfileSummary;
}

export type NotInForceReason = 'repealed' | 'not-yet-in-force' | 'no-profile';

/** No rules govern this city's use of this service on this date: services must refuse new queries and say why. */
export interface NoRulesInForce {
  inForce: false;
  city: CityId;
  service: ServiceId;
  date: IsoDate;
  reason: NotInForceReason;
  /** Human-readable, e.g. "Taipei's rules were repealed on 2021-01-14 (Taipei 沿革: …)". */
  message: string;
  /** The repeal's citation for `repealed`, the first version's date basis for `not-yet-in-force`. */
  citation: string | null;
  repealedOn: IsoDate | null;
  /** When rules first apply, for `not-yet-in-force`. */
  firstEffectiveFrom: IsoDate | null;
  /** The version that last applied, for `repealed` (to judge records from before the repeal). */
  lastVersion: RuleVersion | null;
}

export type RuleLookup = RulesInForce | NoRulesInForce;

export type ProfileSummary = Pick<RuleProfile, 'city' | 'service' | 'titleZh' | 'titleEn' | 'sourceDocument'>;

export function isCityId(value: string): value is CityId {
  return (CITY_IDS as readonly string[]).includes(value);
}

export function assertCityId(value: string): asserts value is CityId {
  if (!isCityId(value)) {
    throw new RulesError('UNKNOWN_CITY', `Unknown city "${value}": expected one of ${CITY_IDS.join(', ')}`);
  }
}

export function cityInfo(city: CityId | string): CityInfo {
  assertCityId(city);
  return CITIES.find((c) => c.id === city)!;
}

/** The cities with rule profiles, with their names and the service their rules govern. */
export function listCities(): CityInfo[] {
  return CITIES.map((c) => ({ ...c }));
}

export function listServices(): ServiceInfo[] {
  return SERVICES.map((s) => ({ ...s }));
}

export interface Rules {
  /** The rules governing `city`'s use of `service` on `date` (a Taiwan calendar date, or an instant converted to one). */
  at(city: CityId | string, service: ServiceId | string, date: DateInput): RuleLookup;
  /** All versions, oldest first; empty when the city has no rules for the service. */
  versions(city: CityId | string, service: ServiceId | string): readonly RuleVersion[];
  /** The city's profiles (one per service its rules govern). */
  profilesFor(city: CityId | string): readonly RuleProfile[];
  /** The profile for (city, service), or undefined. */
  profile(city: CityId | string, service: ServiceId | string): RuleProfile | undefined;
}

/** Build the API over a set of validated profiles; `rules` below is the one over the shipped profiles. */
export function createRules(profiles: readonly RuleProfile[]): Rules {
  const byKey = new Map(profiles.map((p) => [`${p.city}/${p.service}`, p] as const));

  const profile = (city: string, service: string): RuleProfile | undefined => {
    assertCityId(city);
    assertServiceId(service);
    return byKey.get(`${city}/${service}`);
  };

  return {
    at(city, service, dateInput) {
      const found = profile(city, service);
      const date = toTaiwanDate(dateInput);
      const c = cityInfo(city);
      const base = { inForce: false as const, city: c.id, service: service as ServiceId, date };
      if (found === undefined) {
        return {
          ...base,
          reason: 'no-profile',
          message: `${c.citationName} has no rules for ${service}: it does not use this service through Custos`,
          citation: null,
          repealedOn: null,
          firstEffectiveFrom: null,
          lastVersion: null,
        };
      }
      const version = found.versions.find((v) => v.effectiveFrom <= date && (v.effectiveUntil === undefined || date < v.effectiveUntil));
      if (version !== undefined) {
        const { city: pc, service: ps, titleZh, titleEn, sourceDocument } = found;
        return { inForce: true, city: pc, service: ps, date, version, profile: { city: pc, service: ps, titleZh, titleEn, sourceDocument } };
      }
      const first = found.versions[0];
      if (date < first.effectiveFrom) {
        return {
          ...base,
          reason: 'not-yet-in-force',
          message: `${c.citationName}'s ${service} rules take effect on ${first.effectiveFrom}; none were in force on ${date}`,
          citation: first.effectiveFromBasis.citation,
          repealedOn: null,
          firstEffectiveFrom: first.effectiveFrom,
          lastVersion: null,
        };
      }
      // Versions are contiguous (checked at load), so a later date is after the last version ended.
      const last = found.versions[found.versions.length - 1];
      const repeal = last.repeal!;
      return {
        ...base,
        reason: 'repealed',
        message: `${c.citationName}'s rules were repealed on ${repeal.date} (${repeal.citation}: ${repeal.instrumentZh}); no ${service} rules are in force on ${date}`,
        citation: repeal.citation,
        repealedOn: repeal.date,
        firstEffectiveFrom: null,
        lastVersion: last,
      };
    },

    versions(city, service) {
      return profile(city, service)?.versions ?? [];
    },

    profilesFor(city) {
      assertCityId(city);
      return profiles.filter((p) => p.city === city);
    },

    profile,
  };
}

export const rules: Rules = createRules(PROFILES);
