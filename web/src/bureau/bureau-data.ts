import { fillMonths, type ChartDatum } from '../charts/chart-data';
import type { QueryCountRow } from './bureau.operations';

/** Largest first, the rest folded into "other" (the gateway orders groups by value, not by size). */
export function topGroups(rows: readonly QueryCountRow[], labelOf: (row: QueryCountRow) => string, limit: number, otherLabel: string): ChartDatum[] {
  const sorted = [...rows].sort((a, b) => b.count - a.count || labelOf(a).localeCompare(labelOf(b)));
  const top = sorted.slice(0, limit).map((row) => ({ label: labelOf(row), count: row.count }));
  const rest = sorted.slice(limit).reduce((sum, row) => sum + row.count, 0);
  return rest > 0 ? [...top, { label: otherLabel, count: rest }] : top;
}

/** Every month of the window, zero where no query was made, oldest first. */
export function monthlyCounts(rows: readonly QueryCountRow[], firstMonth: string, lastMonth: string): ChartDatum[] {
  const counts = new Map(rows.filter((row) => row.month).map((row) => [row.month!, row.count]));
  return fillMonths([firstMonth, lastMonth]).map((month) => ({ label: month, count: counts.get(month) ?? 0 }));
}
