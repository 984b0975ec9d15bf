import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';

/** The previous hash of a city's first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** Version of the hashed serialisation; bump it (and keep the old one for verification) if the fields change. */
const RECORD_HASH_VERSION = 1;

/** A register entry as hashed: every stored field except its own hash. */
export interface HashedRecordFields {
  id: string;
  cityId: string;
  sequence: string;
  accountId: string;
  agencyId: string;
  unitId: string | null;
  requestId: string | null;
  itemKey: string;
  caseNumber: string;
  purpose: string;
  subjectKind: string | null;
  subjectHash: string;
  subjectMasked: string;
  legalBasis: string | null;
  consentDocument: string | null;
  proxyForAccountId: string | null;
  proxyDocumentNumber: string | null;
  clientAddress: string | null;
  decisionRuleVersion: string | null;
  queriedAt: Date;
  recordedAt: Date;
  previousHash: string;
}

/**
 * SHA-256 over the RFC 8785 canonical JSON of the record, including the previous record's hash: a
 * changed field, a removed record or a swapped order breaks the chain from that point on.
 */
export function recordHash(record: HashedRecordFields): string {
  const canonical = canonicalize({
    v: RECORD_HASH_VERSION,
    id: record.id,
    cityId: record.cityId,
    sequence: String(record.sequence),
    accountId: record.accountId,
    agencyId: record.agencyId,
    unitId: record.unitId,
    requestId: record.requestId,
    itemKey: record.itemKey,
    caseNumber: record.caseNumber,
    purpose: record.purpose,
    subjectKind: record.subjectKind,
    subjectHash: record.subjectHash,
    subjectMasked: record.subjectMasked,
    legalBasis: record.legalBasis,
    consentDocument: record.consentDocument,
    proxyForAccountId: record.proxyForAccountId,
    proxyDocumentNumber: record.proxyDocumentNumber,
    clientAddress: record.clientAddress,
    decisionRuleVersion: record.decisionRuleVersion,
    queriedAt: record.queriedAt.toISOString(),
    recordedAt: record.recordedAt.toISOString(),
    previousHash: record.previousHash,
  });
  return createHash('sha256').update(canonical!, 'utf8').digest('hex');
}
