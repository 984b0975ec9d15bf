import { expect } from 'vitest';
import { rules } from './rules';
import type { RuleVersion } from './schema';
import type { CityId, ServiceId } from './ids';

/** The version in force for (city, service) on `date`; fails the test if none is. */
export function versionAt(city: CityId, service: ServiceId, date: string): RuleVersion {
  const lookup = rules.at(city, service, date);
  expect(lookup.inForce, `${city} ${service} rules should be in force on ${date}`).toBe(true);
  if (!lookup.inForce) throw new Error('unreachable');
  return lookup.version;
}

/** Asserts a cited rule value and that its citation names the expected point. */
export function expectRule<T>(cited: { value: T; citation: string; source: string }, value: T, citation: string, source = 'rule'): void {
  expect(cited.value).toEqual(value);
  expect(cited.citation).toContain(citation);
  expect(cited.source).toBe(source);
}
