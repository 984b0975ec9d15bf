import { InputError } from '@custos/federation';

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
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

export function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && !Number.isNaN(Date.parse(value[0])) && typeof value[1] === 'string' && /^[0-9a-f-]{36}$/i.test(value[1])) {
      return value as [string, string];
    }
  } catch {
    // reported below
  }
  throw new InputError('INVALID_CURSOR', 'The page cursor is not valid; start again from the first page.', 'after');
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
