import type { FieldPolicy } from '@apollo/client';

/**
 * Cursor-paged connections (`accounts`, `myQueryRecords`): "load more" asks for the page after the last cursor and
 * the cache appends it, so a list grows page by page without losing what was already shown. Asking without
 * `after` (a refetch, a fresh visit) starts again from the first page.
 */
export interface CursorPage<Node> {
  nodes: readonly Node[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  totalCount: number;
}

function nodeIdentity(node: unknown): unknown {
  if (node && typeof node === 'object') {
    const record = node as { __ref?: unknown; id?: unknown };
    return record.__ref ?? record.id ?? node;
  }
  return node;
}

export function mergeCursorPages<Node>(
  existing: CursorPage<Node> | undefined,
  incoming: CursorPage<Node>,
  after: string | null | undefined,
): CursorPage<Node> {
  if (!after || !existing) return incoming;
  const seen = new Set(existing.nodes.map(nodeIdentity));
  const added = incoming.nodes.filter((node) => !seen.has(nodeIdentity(node)));
  // A late answer for an older cursor (a double click) adds nothing new and must not move the cursor back.
  const isNextPage = existing.pageInfo.endCursor === after;
  return {
    ...incoming,
    nodes: [...existing.nodes, ...added],
    pageInfo: isNextPage ? incoming.pageInfo : existing.pageInfo,
  };
}

/** The field policy: pages of one size share one list; `after` is not part of the cache key. */
export function cursorPagesPolicy(): FieldPolicy<CursorPage<unknown>> {
  return {
    keyArgs: ['first'],
    merge(existing, incoming, { args }) {
      return mergeCursorPages(existing, incoming, typeof args?.after === 'string' ? args.after : null);
    },
  };
}
