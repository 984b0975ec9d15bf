import { decodeCursor as decodeSharedCursor, encodeCursor as encodeSharedCursor, InputError } from '@custos/federation';

export const MAX_PAGE_SIZE = 200;

export interface PageRequest {
  first: number;
  after?: string | null;
}

export function checkPageSize(first: number, max = MAX_PAGE_SIZE): void {
  if (!Number.isInteger(first) || first < 1 || first > max) throw new InputError('INVALID_PAGE_SIZE', `Ask for between 1 and ${max} at a time.`, 'first');
}

/** An opaque cursor over a (timestamp, id) ordering, newest first. */
export function encodeCursor(at: Date, id: string): string {
  return encodeSharedCursor([at, id]);
}

export function decodeCursor(cursor: string): [string, string] {
  return decodeSharedCursor(cursor, ['timestamp', 'uuid']) as [string, string];
}

export interface Page<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Builds a page from `first + 1` rows fetched newest first. */
export function toPage<T>(rows: T[], first: number, totalCount: number, cursorOf: (row: T) => string): Page<T> {
  const nodes = rows.slice(0, first);
  return { nodes, totalCount, pageInfo: { hasNextPage: rows.length > first, endCursor: nodes.length ? cursorOf(nodes[nodes.length - 1]!) : null } };
}
