import { describe, expect, it } from 'vitest';
import { allocateSample, stratumQuotas } from './stratification';

describe('allocating a sample over strata', () => {
  it('is proportional and sums to the sample size', () => {
    const allocation = allocateSample(30, [
      { stratum: 'unit:a', count: 800 },
      { stratum: 'unit:b', count: 200 },
    ]);
    expect(Object.fromEntries(allocation)).toEqual({ 'unit:a': 24, 'unit:b': 6 });
  });

  it('gives the remainders to the largest fractions, then the larger stratum, then the key', () => {
    const allocation = allocateSample(10, [
      { stratum: 'a', count: 10 },
      { stratum: 'b', count: 10 },
      { stratum: 'c', count: 10 },
    ]);
    expect(Object.fromEntries(allocation)).toEqual({ a: 4, b: 3, c: 3 });
    expect([...allocateSample(100, [{ stratum: 'x', count: 333 }, { stratum: 'y', count: 667 }]).values()]).toEqual([33, 67]);
  });

  it('never gives a stratum more than it holds and handles an empty population', () => {
    const all = allocateSample(7, [
      { stratum: 'a', count: 5 },
      { stratum: 'b', count: 2 },
    ]);
    expect(Object.fromEntries(all)).toEqual({ a: 5, b: 2 });
    expect(Object.fromEntries(allocateSample(0, []))).toEqual({});
    expect(() => allocateSample(3, [{ stratum: 'a', count: 2 }])).toThrow(RangeError);
  });
});

describe('shares that spare the draw sorting whole strata', () => {
  it('let through k + 4√k + 8 of n in expectation, all of a small stratum, and leave out an empty quota', () => {
    const quotas = stratumQuotas(new Map([['big', 24], ['small', 6], ['none', 0]]), [
      { stratum: 'big', count: 800_000 },
      { stratum: 'small', count: 20 },
      { stratum: 'none', count: 5 },
    ]);
    expect(quotas.get('big')!.k).toBe(24);
    expect(quotas.get('big')!.share).toBeCloseTo((24 + 4 * Math.sqrt(24) + 8) / 800_000, 12);
    expect(quotas.get('small')).toEqual({ k: 6, share: null });
    expect(quotas.has('none')).toBe(false);
    expect(stratumQuotas(new Map([['big', 24]]), [{ stratum: 'big', count: 800_000 }], true).get('big')).toEqual({ k: 24, share: null });
  });
});
