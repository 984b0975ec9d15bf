import type { CountDimension, CrossCityRecord, QueryCountRow } from './bureau.operations';

/** The most records one export reads (the same bound as a city's register CSV); narrow the period for more. */
export const MAX_EXPORT_RECORDS = 50_000;

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula is prefixed with ' (CSV injection), as the register's CSV does. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** UTF-8 with a byte-order mark (spreadsheet programs then read the Chinese text) and CRLF, like the cities' CSVs. */
export function csvText(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  const lines = [header.map(csvCell).join(','), ...rows.map((row) => row.map(csvCell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

interface Names {
  cityName(id: string): string;
  itemName(key: string): string;
}

/** The cities' records oldest first (as the register's CSV), with the city and item named beside their codes. */
export function recordsCsv(records: readonly CrossCityRecord[], names: Names): string {
  const sorted = [...records].sort((a, b) => a.queriedAt.localeCompare(b.queriedAt) || a.id.localeCompare(b.id));
  return csvText(
    ['queried_at', 'city_id', 'city', 'agency_id', 'unit_id', 'item_key', 'item', 'case_number', 'purpose', 'legal_basis', 'record_id'],
    sorted.map((record) => [
      record.queriedAt,
      record.cityId,
      names.cityName(record.cityId),
      record.agencyId,
      record.unitId,
      record.itemKey,
      names.itemName(record.itemKey),
      record.caseNumber,
      record.purpose,
      record.legalBasis,
      record.id,
    ]),
  );
}

const DIMENSION_COLUMNS: Record<CountDimension, { code: keyof QueryCountRow; name?: (row: QueryCountRow, names: Names) => string }> = {
  CITY: { code: 'cityId', name: (row, names) => (row.cityId ? names.cityName(row.cityId) : '') },
  AGENCY: { code: 'agencyId' },
  UNIT: { code: 'unitId' },
  ITEM: { code: 'itemKey', name: (row, names) => (row.itemKey ? names.itemName(row.itemKey) : '') },
  PURPOSE: { code: 'purpose' },
  PURPOSE_CATEGORY: { code: 'purposeCategory' },
  MONTH: { code: 'month' },
};

const HEADER: Record<keyof QueryCountRow, string> = {
  cityId: 'city_id',
  agencyId: 'agency_id',
  unitId: 'unit_id',
  itemKey: 'item_key',
  purpose: 'purpose',
  purposeCategory: 'purpose_category',
  month: 'month',
  count: 'count',
};

/** One line per group in the order the gateway gave them, a named column after each coded one. */
export function countsCsv(groupBy: readonly CountDimension[], rows: readonly QueryCountRow[], names: Names): string {
  const header: string[] = [];
  for (const dimension of groupBy) {
    const column = DIMENSION_COLUMNS[dimension];
    header.push(HEADER[column.code]);
    if (column.name) header.push(HEADER[column.code].replace(/_(id|key)$/, ''));
  }
  header.push('count');
  return csvText(
    header,
    rows.map((row) => [
      ...groupBy.flatMap((dimension) => {
        const column = DIMENSION_COLUMNS[dimension];
        const code = row[column.code];
        return column.name ? [code, column.name(row, names)] : [code];
      }),
      row.count,
    ]),
  );
}

/** A file name for the export: what, which service, which cities, and today (Taiwan). */
export function exportFileName(what: string, service: string, cityId: string | null, today: string): string {
  return `${what}-${service}-${cityId ?? 'all-cities'}-${today}.csv`;
}
