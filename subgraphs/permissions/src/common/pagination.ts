import { InputError } from '@custos/federation';
import { Directive, Field, ObjectType } from 'type-graphql';

export const MAX_PAGE_SIZE = 100;

/** Same shape as identity's and the query log's (shareable across subgraphs). */
@Directive('@shareable')
@ObjectType('PageInfo', { description: 'Cursor pagination state.' })
export class PageInfo {
  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' }) endCursor!: string | null;
  @Field(() => Boolean) hasNextPage!: boolean;
}

export interface PageRequest {
  first: number;
  after: string | null;
}

/** A cursor is the sort key of the last row seen: opaque to clients, validated on the way back. */
export function encodeCursor(parts: string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): string[] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === length && value.every((part) => typeof part === 'string')) return value as string[];
  } catch {
    // reported below
  }
  throw new InputError('INVALID_CURSOR', 'The page cursor is not valid; start again from the first page.', 'after');
}

export function assertPageSize(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new InputError('INVALID_PAGE_SIZE', `Ask for between 1 and ${MAX_PAGE_SIZE} rows at a time.`, 'first');
  }
}

/** Given rows fetched with limit first+1, the page and its info. */
export function pageOf<T>(rows: T[], first: number, cursorOf: (row: T) => string[]): { nodes: T[]; pageInfo: PageInfo } {
  const nodes = rows.slice(0, first);
  const last = nodes[nodes.length - 1];
  return { nodes, pageInfo: { hasNextPage: rows.length > first, endCursor: last === undefined ? null : encodeCursor(cursorOf(last)) } };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** An id argument that must be a UUID; anything else is bad input, not a database error. */
export function assertUuid(value: string, field: string): string {
  if (!isUuid(value)) throw new InputError('INVALID_ID', `"${value}" is not a valid id.`, field);
  return value.toLowerCase();
}
