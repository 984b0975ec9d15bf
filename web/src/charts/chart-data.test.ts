import { describe, expect, it } from 'vitest';
import { countByCategory, countByMonth, countByMonthAndCategory, fillMonths } from './chart-data';

describe('chart data', () => {
  it('counts rows per month, filling the months in between with zero', () => {
    const rows = ['2025-11', '2026-01', '2026-01'];
    expect(countByMonth(rows, (row) => row)).toEqual([
      { label: '2025-11', count: 1 },
      { label: '2025-12', count: 0 },
      { label: '2026-01', count: 2 },
    ]);
    expect(countByMonth([], (row: string) => row)).toEqual([]);
  });

  it('adds up counted groups per month when given their weight', () => {
    const groups = [
      { month: '2026-01', count: 30 },
      { month: '2026-03', count: 4 },
      { month: '2026-01', count: 12 },
    ];
    expect(countByMonth(groups, (group) => group.month, 'count', (group) => group.count)).toEqual([
      { label: '2026-01', count: 42 },
      { label: '2026-02', count: 0 },
      { label: '2026-03', count: 4 },
    ]);
  });

  it('counts per month and category for stacked bars', () => {
    const rows = [
      { month: '2026-02', state: 'OVERDUE' },
      { month: '2026-02', state: 'OPEN' },
      { month: '2026-03', state: 'OPEN' },
    ];
    expect(countByMonthAndCategory(rows, (row) => row.month, (row) => row.state, ['OPEN', 'OVERDUE', 'DONE'])).toEqual([
      { label: '2026-02', OPEN: 1, OVERDUE: 1, DONE: 0 },
      { label: '2026-03', OPEN: 1, OVERDUE: 0, DONE: 0 },
    ]);
  });

  it('counts per category in the given order, zeros included', () => {
    const rows = ['OPEN', 'OPEN', 'DONE'];
    expect(countByCategory(rows, (row) => row, ['OVERDUE', 'OPEN', 'DONE'])).toEqual([
      { label: 'OVERDUE', count: 0 },
      { label: 'OPEN', count: 2 },
      { label: 'DONE', count: 1 },
    ]);
  });

  it('fills months across a year end and ignores malformed ones', () => {
    expect(fillMonths(['2026-01', '2025-12'])).toEqual(['2025-12', '2026-01']);
    expect(fillMonths(['bad', '2026-03'])).toEqual(['2026-03']);
    expect(fillMonths(['2000-01', '2030-01'])).toHaveLength(240);
  });
});
