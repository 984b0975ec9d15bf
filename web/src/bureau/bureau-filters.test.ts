import { describe, expect, it } from 'vitest';
import { hashOf, paramsFromHash } from '../shell/hash-path';
import { bureauViewParams, countFilter, periodReversed, readBureauView, recordFilter } from './bureau-filters';

const REACH = ['changhua', 'tainan', 'taipei', 'taoyuan'];

describe('a bureau view in the address', () => {
  it('reads back what it wrote', () => {
    const hash = hashOf('/bureau/register', bureauViewParams({ cityId: 'taoyuan', from: '2026-01-01', to: '2026-01-31', itemKey: '', groupBy: ['CITY', 'ITEM'] }));
    expect(hash).toBe('#/bureau/register?city=taoyuan&from=2026-01-01&to=2026-01-31&by=CITY%2CITEM');
    expect(readBureauView(paramsFromHash(hash), REACH)).toEqual({ cityId: 'taoyuan', from: '2026-01-01', to: '2026-01-31', itemKey: '', groupBy: ['CITY', 'ITEM'] });
  });

  it('ignores a city outside the reach, a malformed day and unknown dimensions', () => {
    const view = readBureauView(new URLSearchParams('city=atlantis&from=2026-02-30&to=yesterday&by=CITY,EVERYTHING'), REACH);
    expect(view).toEqual({ cityId: null, from: '', to: '', itemKey: '', groupBy: ['CITY'] });
    expect(readBureauView(new URLSearchParams(''), REACH).groupBy).toEqual(['CITY', 'MONTH']);
  });

  it('asks the gateway for one city, or for the whole reach by leaving cities out, with Taiwan days (the end day included)', () => {
    const all = readBureauView(new URLSearchParams(''), REACH);
    expect(recordFilter(all)).toEqual({});
    const one = readBureauView(new URLSearchParams('city=tainan&from=2026-03-01&to=2026-03-31&item=health-insurance:C0101:national-id'), REACH);
    expect(recordFilter(one)).toEqual({ cityIds: ['tainan'], from: '2026-02-28T16:00:00.000Z', to: '2026-03-31T16:00:00.000Z' });
    expect(countFilter(one).itemKey).toBe('health-insurance:C0101:national-id');
  });

  it('says when the period is reversed', () => {
    expect(periodReversed('2026-03-02', '2026-03-01')).toBe(true);
    expect(periodReversed('2026-03-01', '2026-03-01')).toBe(false);
    expect(periodReversed('', '2026-03-01')).toBe(false);
  });
});
