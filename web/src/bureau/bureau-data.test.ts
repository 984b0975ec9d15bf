import { describe, expect, it } from 'vitest';
import { monthlyCounts, topGroups } from './bureau-data';
import type { QueryCountRow } from './bureau.operations';

const row = (count: number, extra: Partial<QueryCountRow>): QueryCountRow => ({ cityId: null, agencyId: null, unitId: null, itemKey: null, purpose: null, purposeCategory: null, month: null, count, ...extra });

describe('the bureau home’s charts', () => {
  it('show the largest groups first and fold the rest into "other"', () => {
    const rows = [row(1, { purpose: 'a' }), row(5, { purpose: 'b' }), row(3, { purpose: 'c' }), row(2, { purpose: 'd' })];
    expect(topGroups(rows, (r) => r.purpose!, 2, 'other')).toEqual([
      { label: 'b', count: 5 },
      { label: 'c', count: 3 },
      { label: 'other', count: 3 },
    ]);
    expect(topGroups(rows.slice(0, 2), (r) => r.purpose!, 2, 'other')).toHaveLength(2);
  });

  it('show every month of the window, zero where nothing was queried', () => {
    expect(monthlyCounts([row(4, { month: '2026-02' })], '2025-12', '2026-03')).toEqual([
      { label: '2025-12', count: 0 },
      { label: '2026-01', count: 0 },
      { label: '2026-02', count: 4 },
      { label: '2026-03', count: 0 },
    ]);
  });
});
