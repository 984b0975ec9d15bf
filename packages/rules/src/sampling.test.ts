import { describe, expect, it } from 'vitest';
import { RulesError } from './errors';
import { sampleSize } from './sampling';
import { versionAt } from './test-helpers';

describe('sampleSize', () => {
  // Read the rules from the profiles, so a wrong profile fails here too.
  const changhua = versionAt('changhua', 'labor-insurance', '2024-06-30').audits.sampling.value!;
  const tainan = versionAt('tainan', 'health-insurance', '2024-06-30').audits.sampling.value!;

  it('Changhua 8(一): 10% of cases, at least 30, at most 100, all if fewer than 30', () => {
    expect(sampleSize(changhua, 25)).toBe(25);
    expect(sampleSize(changhua, 500)).toBe(50);
    expect(sampleSize(changhua, 2000)).toBe(100);
    expect(sampleSize(changhua, 30)).toBe(30);
    expect(sampleSize(changhua, 301)).toBe(31);
    expect(sampleSize(changhua, 0)).toBe(0);
  });

  it('Tainan 8(一): at least 3% and 10 rows a month, all if fewer than 10, rounded up', () => {
    expect(sampleSize(tainan, 250)).toBe(10);
    expect(sampleSize(tainan, 1000)).toBe(30);
    expect(sampleSize(tainan, 7)).toBe(7);
    expect(sampleSize(tainan, 10)).toBe(10);
    expect(sampleSize(tainan, 1001)).toBe(31);
  });

  it('rejects a population that is not a whole non-negative number', () => {
    expect(() => sampleSize(tainan, -1)).toThrow(RulesError);
    expect(() => sampleSize(tainan, 2.5)).toThrow(expect.objectContaining({ code: 'INVALID_POPULATION' }));
  });
});
