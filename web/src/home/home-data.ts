import type { ChartDatum } from '../charts/chart-data';

/** Rows counted by a key, largest first, the smallest beyond `limit` folded into one "other" bar. */
export function topCategories<Row>(rows: readonly Row[], keyOf: (row: Row) => string, limit: number, otherLabel: string, weightOf: (row: Row) => number = () => 1): ChartDatum[] {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(keyOf(row), (counts.get(keyOf(row)) ?? 0) + weightOf(row));
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const top = sorted.slice(0, limit).map(([label, count]) => ({ label, count }));
  const rest = sorted.slice(limit).reduce((sum, [, count]) => sum + count, 0);
  return rest > 0 ? [...top, { label: otherLabel, count: rest }] : top;
}

/** The first day of the month `months` months before the month of `today` (YYYY-MM-DD), for "the last N months". */
export function monthsAgo(today: string, months: number): string {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}
