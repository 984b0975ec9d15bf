import { RulesError } from './errors';
import type { SamplingRule } from './schema';

/**
 * How many records an audit must check, from a city's sampling rule:
 * every record below `allIfFewerThan`, else `percent` of the population rounded up,
 * raised to `minimum`, capped at `maximum`, and never more than the population.
 *
 *   Changhua 8(一): 10%, min 30, max 100, all if fewer than 30 → 25 → 25, 500 → 50, 2000 → 100
 *   Tainan 8(一):   3%, min 10, all if fewer than 10          → 7 → 7, 250 → 10, 1000 → 30
 */
export function sampleSize(rule: SamplingRule, populationSize: number): number {
  if (!Number.isSafeInteger(populationSize) || populationSize < 0) {
    throw new RulesError('INVALID_POPULATION', `Invalid population size ${populationSize}: expected a whole number of records, 0 or more`);
  }
  if (populationSize < rule.allIfFewerThan) return populationSize;
  // Integer arithmetic: 3% of 1000 must be exactly 30, not ceil(30.000000000000004) = 31.
  const byRate = Math.ceil((populationSize * rule.percent) / 100);
  const bounded = Math.max(byRate, rule.minimum);
  const capped = rule.maximum === null ? bounded : Math.min(bounded, rule.maximum);
  return Math.min(capped, populationSize);
}
