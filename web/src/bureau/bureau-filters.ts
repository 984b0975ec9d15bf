import { endOfTaiwanDay, startOfTaiwanDay } from '../register/register-filters';
import { isIsoDate } from '../ui/format';
import { COUNT_DIMENSIONS, type CountDimension, type CrossCityRecordFilter, type QueryCountFilter } from './bureau.operations';

/**
 * What a bureau page shows, kept in the address (`#/bureau/register?city=taoyuan&from=2026-01-01`) so a view can be
 * bookmarked, reloaded and sent to a colleague, and the back button returns to the previous filter. Days are Taiwan
 * calendar days, the end day included.
 */
export interface BureauView {
  /** One city of the reach, or null for every city the officer may read. */
  cityId: string | null;
  from: string;
  to: string;
  itemKey: string;
  groupBy: CountDimension[];
  /** A page's own choices (an audit's state, a finding's severity…), kept in the address under their names. */
  choices?: Record<string, string>;
}

export const DEFAULT_GROUP_BY: CountDimension[] = ['CITY', 'MONTH'];

/** Reads the view from the hash parameters; a city outside the reach or a malformed day is ignored, not sent. */
export function readBureauView(params: URLSearchParams, reachCityIds: readonly string[]): BureauView {
  const city = params.get('city');
  const day = (name: string) => {
    const value = params.get(name) ?? '';
    return isIsoDate(value) ? value : '';
  };
  const asked = (params.get('by') ?? '').split(',').filter((value): value is CountDimension => (COUNT_DIMENSIONS as readonly string[]).includes(value));
  return {
    cityId: city && reachCityIds.includes(city) ? city : null,
    from: day('from'),
    to: day('to'),
    itemKey: params.get('item') ?? '',
    groupBy: asked.length > 0 ? COUNT_DIMENSIONS.filter((dimension) => asked.includes(dimension)) : DEFAULT_GROUP_BY,
  };
}

/** The hash parameters of a view (for `hashOf`); defaults are left out. */
export function bureauViewParams(view: Partial<BureauView>): Record<string, string | null> {
  const groupBy = view.groupBy && view.groupBy.join(',') !== DEFAULT_GROUP_BY.join(',') ? view.groupBy.join(',') : null;
  return { city: view.cityId ?? null, from: view.from || null, to: view.to || null, item: view.itemKey || null, by: groupBy, ...view.choices };
}

/** True when both days are given and the start is after the end. */
export function periodReversed(from: string, to: string): boolean {
  return isIsoDate(from) && isIsoDate(to) && from > to;
}

export function recordFilter(view: BureauView): CrossCityRecordFilter {
  const filter: CrossCityRecordFilter = {};
  if (view.cityId) filter.cityIds = [view.cityId];
  if (view.from) filter.from = startOfTaiwanDay(view.from);
  if (view.to) filter.to = endOfTaiwanDay(view.to);
  return filter;
}

export function countFilter(view: BureauView): QueryCountFilter {
  const filter: QueryCountFilter = recordFilter(view);
  if (view.itemKey) filter.itemKey = view.itemKey;
  return filter;
}
