import { describe, expect, it } from 'vitest';
import { collatorFor, nextSort, sortRows } from './sorting';

const collator = collatorFor('en');

describe('sortRows', () => {
  const rows = [
    { name: 'b', n: 2, at: '2026-01-02' },
    { name: 'a10', n: 10, at: null },
    { name: 'a2', n: 1, at: '2026-01-01' },
  ];

  it('sorts text naturally and numbers numerically, in both directions', () => {
    expect(sortRows(rows, (row) => row.name, 'ascending', collator).map((row) => row.name)).toEqual(['a2', 'a10', 'b']);
    expect(sortRows(rows, (row) => row.n, 'descending', collator).map((row) => row.n)).toEqual([10, 2, 1]);
  });

  it('keeps empty values last whichever the direction', () => {
    expect(sortRows(rows, (row) => row.at, 'ascending', collator).map((row) => row.name)).toEqual(['a2', 'b', 'a10']);
    expect(sortRows(rows, (row) => row.at, 'descending', collator).map((row) => row.name)).toEqual(['b', 'a2', 'a10']);
  });

  it('is stable: ties keep their original order', () => {
    const tied = [{ k: 1, id: 'x' }, { k: 1, id: 'y' }, { k: 0, id: 'z' }];
    expect(sortRows(tied, (row) => row.k, 'descending', collator).map((row) => row.id)).toEqual(['x', 'y', 'z']);
  });

  it('does not change the input', () => {
    const copy = [...rows];
    sortRows(rows, (row) => row.name, 'descending', collator);
    expect(rows).toEqual(copy);
  });
});

describe('nextSort', () => {
  it('flips the current column and starts another in its default direction', () => {
    expect(nextSort({ columnId: 'a', direction: 'ascending' }, 'a')).toEqual({ columnId: 'a', direction: 'descending' });
    expect(nextSort({ columnId: 'a', direction: 'descending' }, 'a')).toEqual({ columnId: 'a', direction: 'ascending' });
    expect(nextSort({ columnId: 'a', direction: 'ascending' }, 'b', 'descending')).toEqual({ columnId: 'b', direction: 'descending' });
  });
});
