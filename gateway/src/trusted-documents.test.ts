import { describe, expect, it } from 'vitest';
import { resolveTrustedDocument, sha256, TrustedDocumentError, TrustedDocuments } from './trusted-documents';

const REPORT = 'query MonthlyCounts { queryCounts(groupBy: [MONTH]) { total } }';
const documents = new TrustedDocuments({ [`sha256:${sha256(REPORT)}`]: REPORT });

function code(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof TrustedDocumentError) return error.code;
    throw error;
  }
  return undefined;
}

describe('trusted documents', () => {
  it('refuses a manifest whose hash does not match its text', () => {
    expect(() => new TrustedDocuments({ [`sha256:${'0'.repeat(64)}`]: REPORT })).toThrow(/does not match/);
  });

  it('replaces a document id (or an Apollo persisted-query hash) by the registered text', () => {
    const byId: Record<string, unknown> = { documentId: `sha256:${sha256(REPORT)}`, variables: {} };
    expect(resolveTrustedDocument(byId, documents, { onlyTrusted: true })).toBe(true);
    expect(byId).toEqual({ query: REPORT, variables: {} });
    const apollo: Record<string, unknown> = { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(REPORT) } } };
    expect(resolveTrustedDocument(apollo, documents, { onlyTrusted: true })).toBe(true);
    expect(apollo).toEqual({ query: REPORT, extensions: {} });
  });

  it('an unknown id is PERSISTED_QUERY_NOT_FOUND; a client cannot register a document by sending it with its hash', () => {
    expect(code(() => resolveTrustedDocument({ documentId: `sha256:${'a'.repeat(64)}` }, documents, { onlyTrusted: false }))).toBe('PERSISTED_QUERY_NOT_FOUND');
    const other = 'query { queryCounts(groupBy: [CITY]) { total } }';
    expect(code(() => resolveTrustedDocument({ query: other, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(other) } } }, documents, { onlyTrusted: false }))).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(documents.isRegistered(other)).toBe(false);
  });

  it('in registered-only mode a free-form query is refused, the registered text itself is accepted; otherwise both run', () => {
    expect(code(() => resolveTrustedDocument({ query: '{ __typename }' }, documents, { onlyTrusted: true }))).toBe('TRUSTED_DOCUMENT_REQUIRED');
    expect(resolveTrustedDocument({ query: REPORT }, documents, { onlyTrusted: true })).toBe(true);
    expect(resolveTrustedDocument({ query: '{ __typename }' }, documents, { onlyTrusted: false })).toBe(false);
  });
});
