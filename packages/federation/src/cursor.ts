import { InputError } from './errors';

/**
 * Cursor pagination for every subgraph. A cursor is the sort key of the last row seen, opaque to clients (base64url
 * of a JSON array) and checked part by part on the way back, so a tampered cursor is bad input, never a SQL error.
 */
export type CursorPart = 'string' | 'timestamp' | 'uuid' | 'integer';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Non-negative and within bigint range, kept as a string so nothing is lost to floating point.
const INTEGER = /^\d{1,19}$/;

const partIsValid: Record<CursorPart, (value: string) => boolean> = {
  string: () => true,
  timestamp: (value) => !Number.isNaN(Date.parse(value)),
  uuid: (value) => UUID.test(value),
  integer: (value) => INTEGER.test(value),
};

export function encodeCursor(parts: ReadonlyArray<string | Date | number | bigint>): string {
  const values = parts.map((part) => (part instanceof Date ? part.toISOString() : String(part)));
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The cursor's parts, each checked against `shape`; INVALID_CURSOR on the `after` argument otherwise. */
export function decodeCursor(cursor: string, shape: readonly CursorPart[]): string[] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === shape.length &&
      value.every((part, index) => typeof part === 'string' && partIsValid[shape[index]!](part))
    ) {
      return value as string[];
    }
  } catch {
    // reported below
  }
  throw new InputError('INVALID_CURSOR', 'The page cursor is not valid; start again from the first page.', 'after');
}
