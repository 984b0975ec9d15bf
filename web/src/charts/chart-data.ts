/**
 * What the charts show, computed from rows the gateway returned: nothing is estimated or filled in. Kept apart from
 * the chart components so the numbers are unit-tested and recharts stays out of the pages' own chunks.
 */
export interface ChartSeries {
  key: string;
  label: string;
  /** A CSS colour. */
  color: string;
}

export interface ChartDatum {
  label: string;
  [seriesKey: string]: string | number;
}

/** One bar per month (YYYY-MM) that has rows, oldest first; months without rows are shown as gaps in the axis. */
export function countByMonth<Row>(rows: readonly Row[], monthOf: (row: Row) => string, seriesKey = 'count', weightOf: (row: Row) => number = () => 1): ChartDatum[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const month = monthOf(row);
    counts.set(month, (counts.get(month) ?? 0) + weightOf(row));
  }
  return fillMonths([...counts.keys()]).map((month) => ({ label: month, [seriesKey]: counts.get(month) ?? 0 }));
}

/** Rows counted per month and per category (stacked bars), oldest month first. */
export function countByMonthAndCategory<Row>(
  rows: readonly Row[],
  monthOf: (row: Row) => string,
  categoryOf: (row: Row) => string,
  categories: readonly string[],
): ChartDatum[] {
  const counts = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const month = monthOf(row);
    const byCategory = counts.get(month) ?? new Map<string, number>();
    byCategory.set(categoryOf(row), (byCategory.get(categoryOf(row)) ?? 0) + 1);
    counts.set(month, byCategory);
  }
  return fillMonths([...counts.keys()]).map((month) => {
    const datum: ChartDatum = { label: month };
    for (const category of categories) datum[category] = counts.get(month)?.get(category) ?? 0;
    return datum;
  });
}

/** One bar per category, in the order given, with its count (zero included: "0 overdue" is information). */
export function countByCategory<Row>(rows: readonly Row[], categoryOf: (row: Row) => string, categories: readonly string[]): ChartDatum[] {
  return categories.map((category) => ({ label: category, count: rows.filter((row) => categoryOf(row) === category).length }));
}

/** Every month from the first to the last given, so an empty month shows as zero rather than vanishing. */
export function fillMonths(months: readonly string[]): string[] {
  const valid = months.filter((month) => /^\d{4}-\d{2}$/.test(month)).sort();
  if (valid.length === 0) return [];
  const result: string[] = [];
  let [year, month] = valid[0]!.split('-').map(Number) as [number, number];
  const last = valid[valid.length - 1]!;
  // Bounded: at most 20 years of months, whatever the data says.
  for (let guard = 0; guard < 240; guard += 1) {
    const label = `${year}-${String(month).padStart(2, '0')}`;
    result.push(label);
    if (label >= last) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return result;
}
