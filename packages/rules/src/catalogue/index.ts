import { SERVICE_IDS, type ServiceId } from '../ids';
import { RulesError } from '../errors';
import { HEALTH_INSURANCE_ITEMS } from './health-insurance';
import { LABOR_INSURANCE_ITEMS } from './labor-insurance';
import type { QueryItem } from './query-item';

export type { QueryItem } from './query-item';
export { itemKey, UNSPECIFIED_LOOKUP_KEY } from './query-item';

const CATALOGUES: Record<ServiceId, readonly QueryItem[]> = {
  'labor-insurance': LABOR_INSURANCE_ITEMS,
  'health-insurance': HEALTH_INSURANCE_ITEMS,
};

const BY_KEY: ReadonlyMap<string, QueryItem> = new Map(
  Object.values(CATALOGUES)
    .flat()
    .map((i) => [i.key, i] as const),
);

export function isServiceId(value: string): value is ServiceId {
  return (SERVICE_IDS as readonly string[]).includes(value);
}

export function assertServiceId(value: string): asserts value is ServiceId {
  if (!isServiceId(value)) {
    throw new RulesError('UNKNOWN_SERVICE', `Unknown data service "${value}": expected one of ${SERVICE_IDS.join(', ')}`);
  }
}

/** All query items of a service, in form order. */
export function itemCatalogue(service: ServiceId | string): readonly QueryItem[] {
  assertServiceId(service);
  return CATALOGUES[service];
}

/** The item with this key (`service:code:lookupKey`), or undefined. */
export function findItem(key: string): QueryItem | undefined {
  return BY_KEY.get(key);
}
