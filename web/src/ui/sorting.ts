/**
 * Sorting of table rows in the browser. Every list the gateway returns in full (grants, items, tasks) is sorted
 * here; cursor-paged lists sort what has been loaded (the table says so until every page is in).
 */
export type SortDirection = 'ascending' | 'descending';
export type SortValue = string | number | null | undefined;

export interface SortState {
  columnId: string;
  direction: SortDirection;
}

/** Empty values sort last in both directions, so a "never signed in" does not hide the real dates. */
export function compareSortValues(a: SortValue, b: SortValue, collator: Intl.Collator): number {
  const aEmpty = a === null || a === undefined || a === '';
  const bEmpty = b === null || b === undefined || b === '';
  if (aEmpty || bEmpty) return aEmpty === bEmpty ? 0 : aEmpty ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** A stable sort (ties keep their server order) by one column; empties stay last. */
export function sortRows<Row>(
  rows: readonly Row[],
  sortValue: (row: Row) => SortValue,
  direction: SortDirection,
  collator: Intl.Collator,
): Row[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: sortValue(row) }))
    .sort((a, b) => {
      const aEmpty = a.value === null || a.value === undefined || a.value === '';
      const bEmpty = b.value === null || b.value === undefined || b.value === '';
      if (aEmpty !== bEmpty) return aEmpty ? 1 : -1;
      return sign * compareSortValues(a.value, b.value, collator) || a.index - b.index;
    })
    .map((entry) => entry.row);
}

/** Clicking the sorted column flips it; another column starts in its own default direction. */
export function nextSort(current: SortState, columnId: string, defaultDirection: SortDirection = 'ascending'): SortState {
  if (current.columnId !== columnId) return { columnId, direction: defaultDirection };
  return { columnId, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}

export function collatorFor(language: string): Intl.Collator {
  return new Intl.Collator(language, { numeric: true, sensitivity: 'base' });
}
