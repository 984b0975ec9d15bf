import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * Issue 9: trusted documents (persisted queries by hash) for reporting tools. A reporting tool
 * registers its queries in the gateway's manifest (a JSON object "sha256:<hex>" → query text, e.g.
 * gateway/trusted-documents.json, deployed with the gateway); it then sends only
 * `{ "documentId": "sha256:<hex>", "variables": ... }` (or Apollo's
 * `extensions.persistedQuery.sha256Hash`). With TRUSTED_DOCUMENTS_ONLY_FOR_REPORTING_TOKENS set,
 * a reporting (read-only API) token may run registered documents only, so a leaked token cannot
 * be used to explore the schema or run new queries.
 */
export class TrustedDocuments {
  private readonly byHash: Map<string, string>;

  constructor(documents: Record<string, string> = {}) {
    this.byHash = new Map();
    for (const [id, query] of Object.entries(documents)) {
      const hash = id.replace(/^sha256:/, '').toLowerCase();
      if (sha256(query) !== hash) throw new Error(`Trusted document ${id} does not match the SHA-256 of its text`);
      this.byHash.set(hash, query);
    }
  }

  static fromFile(path: string | undefined): TrustedDocuments {
    if (!path) return new TrustedDocuments();
    return new TrustedDocuments(JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>);
  }

  get size(): number {
    return this.byHash.size;
  }

  lookup(hash: string): string | undefined {
    return this.byHash.get(hash.replace(/^sha256:/, '').toLowerCase());
  }

  isRegistered(query: string): boolean {
    return this.byHash.has(sha256(query));
  }
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export class TrustedDocumentError extends Error {
  constructor(
    readonly code: 'PERSISTED_QUERY_NOT_FOUND' | 'TRUSTED_DOCUMENT_REQUIRED',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Replaces a document id by its registered text (the body is changed in place) and enforces the
 * registered-only rule for reporting tokens. Returns whether the document is a registered one.
 */
export function resolveTrustedDocument(body: Record<string, unknown>, documents: TrustedDocuments, options: { onlyTrusted: boolean }): boolean {
  const extensions = (body.extensions ?? undefined) as { persistedQuery?: { sha256Hash?: unknown } } | undefined;
  const id = typeof body.documentId === 'string' ? body.documentId : typeof extensions?.persistedQuery?.sha256Hash === 'string' ? extensions.persistedQuery.sha256Hash : undefined;
  if (extensions?.persistedQuery) {
    // Registration happens in the manifest only, never by a client sending a query with its hash.
    const { persistedQuery: _ignored, ...rest } = extensions;
    body.extensions = rest;
  }
  delete body.documentId;
  if (id !== undefined) {
    const query = documents.lookup(id);
    if (!query) throw new TrustedDocumentError('PERSISTED_QUERY_NOT_FOUND', 'No trusted document is registered under this id.');
    if (typeof body.query === 'string' && body.query !== query) throw new TrustedDocumentError('PERSISTED_QUERY_NOT_FOUND', 'The query does not match the registered document.');
    body.query = query;
    return true;
  }
  const registered = typeof body.query === 'string' && documents.isRegistered(body.query);
  if (options.onlyTrusted && !registered) {
    throw new TrustedDocumentError('TRUSTED_DOCUMENT_REQUIRED', 'Reporting tokens may run only registered (trusted) documents: send { "documentId": "sha256:<hash>" }.');
  }
  return registered;
}
