import { CombinedGraphQLErrors } from '@apollo/client/errors';

/** A refusal reason of `recordQuery` (extensions.reasons of QUERY_REFUSED): the code, the service's words, the rule. */
export interface RefusalReason {
  code: string;
  message: string;
  citation: string | null;
}

export interface ErrorExtensions {
  code?: string;
  /** The input field the service names (`subject`, `consent.signedOn`, `filter.subject`, …). */
  field?: string;
  /** Why a national ID or business number was refused (EMPTY, LENGTH, CHECKSUM, …). */
  reason?: string;
  reasons?: RefusalReason[];
  citation?: string;
}

/** The first GraphQL error's extensions, or nothing for a network or client error. */
export function firstErrorExtensions(error: unknown): ErrorExtensions | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const extensions = error.errors[0]?.extensions;
  return extensions && typeof extensions === 'object' ? (extensions as ErrorExtensions) : null;
}

/** Every reason of a refused query, once each; empty when the error is not a refusal. */
export function refusalReasons(error: unknown): RefusalReason[] {
  const extensions = firstErrorExtensions(error);
  if (extensions?.code !== 'QUERY_REFUSED' || !Array.isArray(extensions.reasons)) return [];
  return extensions.reasons.filter(
    (reason): reason is RefusalReason => typeof reason?.code === 'string' && typeof reason.message === 'string',
  );
}

/** Merges a "load more" page into what is shown (for lists paged with `fetchMore`); a node already shown is not repeated. */
export function appendPage<Page extends { nodes: Array<{ id?: string }>; pageInfo: { endCursor: string | null; hasNextPage: boolean } }>(
  previous: Page,
  next: Page,
): Page {
  const seen = new Set(previous.nodes.map((node) => node.id));
  return { ...next, nodes: [...previous.nodes, ...next.nodes.filter((node) => node.id === undefined || !seen.has(node.id))] };
}
