import { decodeCursor as decodeSharedCursor, encodeCursor, InputError, type CursorPart } from '@custos/federation';
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

export { encodeCursor };

/** A cursor of `length` text parts (the services check what each part means). */
export function decodeCursor(cursor: string, length: number): string[] {
  return decodeSharedCursor(cursor, Array.from({ length }, (): CursorPart => 'string'));
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
