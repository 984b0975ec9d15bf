/** A stratum of the population (e.g. one unit, one item, or one unit's use of one item) and its size. */
export interface StratumCount {
  stratum: string;
  count: number;
  /** The stratum's unit when stratified by unit ('none' records have null). */
  unitId?: string | null;
  /** The stratum's item when stratified by item. */
  itemKey?: string | null;
}

/**
 * Splits a sample of `size` over the strata in proportion to their sizes (largest remainder), so the
 * total is exactly what the rule asks for. Ties go to the larger stratum, then to the stratum key, so
 * the allocation is reproducible. A stratum never gets more than it holds.
 */
export function allocateSample(size: number, strata: readonly StratumCount[]): Map<string, number> {
  const total = strata.reduce((sum, s) => sum + s.count, 0);
  const allocation = new Map<string, number>();
  if (total === 0 || size === 0) {
    for (const s of strata) allocation.set(s.stratum, 0);
    return allocation;
  }
  if (size > total) throw new RangeError(`A sample of ${size} from ${total} records`);
  let given = 0;
  const remainders = strata.map((s) => {
    const exact = size * s.count; // integer: the share is exact / total
    const base = Math.floor(exact / total);
    allocation.set(s.stratum, base);
    given += base;
    return { stratum: s.stratum, count: s.count, remainder: exact % total };
  });
  remainders.sort((a, b) => b.remainder - a.remainder || b.count - a.count || (a.stratum < b.stratum ? -1 : a.stratum > b.stratum ? 1 : 0));
  for (const r of remainders.slice(0, size - given)) allocation.set(r.stratum, allocation.get(r.stratum)! + 1);
  return allocation;
}

/** How many to draw from a stratum, and the share of its (uniform) keys the draw need rank (see audit-draw.ts). */
export interface StratumQuota {
  k: number;
  /** 0 < share < 1; null when the whole stratum is ranked. */
  share: number | null;
}

/**
 * Shares that let through, in expectation, k + 4√k + 8 records of a stratum of n (keys are uniform):
 * the chance that fewer than k pass is well under one in a thousand, and then the draw is repeated with
 * `exact` (every record ranked). The share never changes which records are drawn, only how much is sorted.
 * Strata given no records are left out.
 */
export function stratumQuotas(allocation: Map<string, number>, strata: readonly StratumCount[], exact = false): Map<string, StratumQuota> {
  const sizes = new Map(strata.map((s) => [s.stratum, s.count]));
  const quotas = new Map<string, StratumQuota>();
  for (const [stratum, k] of allocation) {
    if (k === 0) continue;
    const n = sizes.get(stratum) ?? 0;
    const share = n > 0 ? (k + 4 * Math.sqrt(k) + 8) / n : 1;
    quotas.set(stratum, { k, share: exact || share >= 1 ? null : share });
  }
  return quotas;
}
