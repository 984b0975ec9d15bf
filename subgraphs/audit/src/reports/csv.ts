import { createHash } from 'node:crypto';

export type CsvCell = string | number | boolean | Date | null | undefined | readonly string[];

/** A Taiwan local time for people reading the report: 2024-05-06 10:00:00. */
export function taiwanTime(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
}

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? taiwanTime(value) : Array.isArray(value) ? value.join(' ') : String(value);
  // A cell a spreadsheet would run as a formula is written as text (OWASP CSV injection).
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvFile {
  filename: string;
  contentType: string;
  content: string;
  rows: number;
  sha256: string;
}

/**
 * RFC 4180 CSV (CRLF line ends) with a UTF-8 byte-order mark, so spreadsheet programs read the Chinese
 * text correctly; the SHA-256 is of the exact bytes, for the filing manifest.
 */
export function toCsv(filename: string, header: readonly string[], rows: readonly CsvCell[][]): CsvFile {
  const content = `\uFEFF${[header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
  return { filename, contentType: 'text/csv; charset=utf-8', content, rows: rows.length, sha256: createHash('sha256').update(content, 'utf8').digest('hex') };
}
