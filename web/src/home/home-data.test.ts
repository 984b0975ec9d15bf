import { describe, expect, it } from 'vitest';
import { monthsAgo, topCategories } from './home-data';

describe('home page figures', () => {
  it('keeps the largest categories and folds the rest into one bar', () => {
    const rows = ['a', 'b', 'b', 'c', 'c', 'c', 'd'];
    expect(topCategories(rows, (row) => row, 2, 'other')).toEqual([
      { label: 'c', count: 3 },
      { label: 'b', count: 2 },
      { label: 'other', count: 2 },
    ]);
    expect(topCategories(rows, (row) => row, 10, 'other')).toHaveLength(4);
    expect(topCategories([], (row: string) => row, 3, 'other')).toEqual([]);
  });

  it('adds up groups the server already counted (the volume card’s month × unit × item counts)', () => {
    const groups = [
      { item: 'C0101', count: 40 },
      { item: 'B0101', count: 7 },
      { item: 'C0101', count: 5 },
      { item: 'F0201', count: 3 },
    ];
    expect(topCategories(groups, (group) => group.item, 1, 'other', (group) => group.count)).toEqual([
      { label: 'C0101', count: 45 },
      { label: 'other', count: 10 },
    ]);
  });

  it('finds the first day of a month some months back, across years', () => {
    expect(monthsAgo('2026-03-15', 5)).toBe('2025-10-01');
    expect(monthsAgo('2026-01-01', 0)).toBe('2026-01-01');
    expect(monthsAgo('2026-12-31', 12)).toBe('2025-12-01');
  });
});
