import { DomainError } from '@custos/federation';
import type { EntityManager } from 'typeorm';
import type { CheckpointKeys } from './checkpoint-keys';
import { checkpointLinkHash, checkpointPayload, mapCheckpoint, type CheckpointRow } from './hash-chain';
import { GENESIS_HASH, recordHash } from './record-hash';

export type ChainProblemKind =
  | 'MISSING_RECORD'
  | 'BROKEN_LINK'
  | 'ALTERED_RECORD'
  | 'CHECKPOINT_SIGNATURE_INVALID'
  | 'CHECKPOINT_KEY_UNKNOWN'
  | 'CHECKPOINT_MISMATCH'
  | 'CHECKPOINT_CHAIN_BROKEN'
  | 'RECORDS_MISSING_AFTER_CHECKPOINT';

export interface ChainProblem {
  kind: ChainProblemKind;
  /** The sequence number where the chain breaks (for checkpoints: the checkpoint's sequence). */
  sequence: string;
  recordId: string | null;
  message: string;
}

export interface ChainVerification {
  ok: boolean;
  fromSequence: string | null;
  toSequence: string | null;
  checkedRecords: number;
  headSequence: string;
  headHash: string;
  checkedCheckpoints: number;
  latestCheckpoint: CheckpointRow | null;
  /** In chain order; the first is the first broken or missing link. At most MAX_PROBLEMS. */
  problems: ChainProblem[];
}

const BATCH = 5000;
const MAX_PROBLEMS = 50;

function mapRecord(row: Record<string, any>) {
  return {
    id: row.id as string,
    cityId: row.city_id as string,
    sequence: String(row.sequence),
    accountId: row.account_id,
    agencyId: row.agency_id,
    unitId: row.unit_id,
    requestId: row.request_id,
    itemKey: row.item_key,
    caseNumber: row.case_number,
    purpose: row.purpose,
    subjectKind: row.subject_kind,
    subjectHash: row.subject_hash,
    subjectMasked: row.subject_masked,
    legalBasis: row.legal_basis,
    consentDocument: row.consent_document,
    proxyForAccountId: row.proxy_for_account_id,
    proxyDocumentNumber: row.proxy_document_number,
    clientAddress: row.client_address,
    decisionRuleVersion: row.decision_rule_version,
    queriedAt: row.queried_at as Date,
    recordedAt: row.recorded_at as Date,
    previousHash: row.previous_hash as string,
    recordHash: row.record_hash as string,
  };
}

/**
 * Checks a city's chain between two instants (by recording time; both optional): every record's
 * hash, its link to the record before it (the one just before the range anchors it), gaps in the
 * sequence, and every signed checkpoint — its signature, its link to the previous checkpoint, and the
 * record hash at its sequence. Rows deleted from the end cannot be seen from the chain itself: the
 * latest checkpoint (or one the auditor exported earlier, `external`) says how many records there
 * were and what the head hash was.
 */
export async function verifyChain(
  manager: EntityManager,
  keys: CheckpointKeys,
  cityId: string,
  range: { from?: Date | null; to?: Date | null },
  external: CheckpointRow | null = null,
): Promise<ChainVerification> {
  const problems: ChainProblem[] = [];
  const report = (problem: ChainProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };

  const [bounds] = await manager.query(
    `SELECT (SELECT min(sequence) FROM query_log.query_record WHERE city_id = $1 AND ($2::timestamptz IS NULL OR recorded_at >= $2)) AS first,
            (SELECT max(sequence) FROM query_log.query_record WHERE city_id = $1 AND ($3::timestamptz IS NULL OR recorded_at < $3)) AS last,
            (SELECT max(sequence) FROM query_log.query_record WHERE city_id = $1) AS head`,
    [cityId, range.from ?? null, range.to ?? null],
  );
  const first = bounds.first === null ? null : Number(bounds.first);
  const last = bounds.last === null ? null : Number(bounds.last);
  const headSequence = bounds.head === null ? 0 : Number(bounds.head);
  let headHash = GENESIS_HASH;

  // Records: walk by sequence from the anchor (the record before the range) to the range's end.
  let checked = 0;
  const hashAt = new Map<number, string>();
  if (first !== null && last !== null && first <= last) {
    let previous: { sequence: number; hash: string } | null = null;
    if (first > 1) {
      const anchor = await manager.query('SELECT sequence, record_hash FROM query_log.query_record WHERE city_id = $1 AND sequence < $2 ORDER BY sequence DESC LIMIT 1', [cityId, first]);
      if (anchor[0]) previous = { sequence: Number(anchor[0].sequence), hash: anchor[0].record_hash };
    } else {
      previous = { sequence: 0, hash: GENESIS_HASH };
    }
    let cursor = first - 1;
    for (;;) {
      const rows: Array<Record<string, any>> = await manager.query(
        'SELECT * FROM query_log.query_record WHERE city_id = $1 AND sequence > $2 AND sequence <= $3 ORDER BY sequence LIMIT $4',
        [cityId, cursor, last, BATCH],
      );
      for (const raw of rows) {
        const record = mapRecord(raw);
        const sequence = Number(record.sequence);
        const expected = previous ? previous.sequence + 1 : first;
        if (sequence !== expected) {
          report({
            kind: 'MISSING_RECORD',
            sequence: String(expected),
            recordId: null,
            message: sequence > expected ? `Records ${expected}–${sequence - 1} are missing: the chain jumps from ${expected - 1} to ${sequence}.` : `Record ${sequence} appears out of order.`,
          });
        } else if (previous && record.previousHash !== previous.hash) {
          report({ kind: 'BROKEN_LINK', sequence: record.sequence, recordId: record.id, message: `Record ${sequence} does not link to record ${previous.sequence}: the records were reordered or one was replaced.` });
        }
        if (recordHash(record) !== record.recordHash) {
          report({ kind: 'ALTERED_RECORD', sequence: record.sequence, recordId: record.id, message: `Record ${sequence} was changed after it was recorded: its content no longer matches its hash.` });
        }
        hashAt.set(sequence, record.recordHash);
        previous = { sequence, hash: record.recordHash };
        checked++;
      }
      if (rows.length < BATCH) break;
      cursor = Number(rows[rows.length - 1]!.sequence);
    }
  }
  if (headSequence > 0) {
    const [head] = await manager.query('SELECT record_hash FROM query_log.query_record WHERE city_id = $1 AND sequence = $2', [cityId, headSequence]);
    headHash = head?.record_hash ?? GENESIS_HASH;
  }

  // Checkpoints: all of them (few), each checked on its own and against the records in range.
  const checkpoints = (await manager.query('SELECT * FROM query_log.chain_checkpoint WHERE city_id = $1 ORDER BY sequence', [cityId])).map(mapCheckpoint);
  let previousLink = GENESIS_HASH;
  const all = external ? [...checkpoints, external] : checkpoints;
  for (const checkpoint of all) {
    const isExternal = checkpoint === external;
    const label = isExternal ? 'The exported checkpoint' : `Checkpoint ${checkpoint.sequence}`;
    const sequence = Number(checkpoint.sequence);
    let signed = false;
    try {
      signed = checkpoint.cityId === cityId && keys.verify(cityId, checkpoint.keyId, checkpointPayload(checkpoint), checkpoint.signature);
      if (!signed) report({ kind: 'CHECKPOINT_SIGNATURE_INVALID', sequence: checkpoint.sequence, recordId: null, message: `${label} does not carry a valid signature: it was forged or altered.` });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      report({ kind: 'CHECKPOINT_KEY_UNKNOWN', sequence: checkpoint.sequence, recordId: null, message: `${label} is signed with key ${checkpoint.keyId}, which this service does not hold; verify it with the archived public key.` });
    }
    if (!isExternal) {
      if (checkpoint.previousCheckpointHash !== previousLink) {
        report({ kind: 'CHECKPOINT_CHAIN_BROKEN', sequence: checkpoint.sequence, recordId: null, message: `${label} does not link to the checkpoint before it: a checkpoint was removed or replaced.` });
      }
      previousLink = checkpointLinkHash(checkpoint);
    }
    if (!signed) continue;
    if (sequence > headSequence) {
      report({
        kind: 'RECORDS_MISSING_AFTER_CHECKPOINT',
        sequence: String(headSequence + 1),
        recordId: null,
        message: `${label} (signed ${checkpoint.createdAt.toISOString()}) covers ${sequence} records, but only ${headSequence} remain: records ${headSequence + 1}–${sequence} were deleted.`,
      });
      continue;
    }
    // Checkpoints outside the checked range are left to the check of their own range; an exported one is always checked.
    let actual = hashAt.get(sequence);
    if (actual === undefined && isExternal) {
      actual = (await manager.query('SELECT record_hash FROM query_log.query_record WHERE city_id = $1 AND sequence = $2', [cityId, sequence]))[0]?.record_hash ?? '';
    }
    if (actual !== undefined && actual !== checkpoint.headHash) {
      report({ kind: 'CHECKPOINT_MISMATCH', sequence: checkpoint.sequence, recordId: null, message: `Record ${sequence} no longer has the hash ${label.toLowerCase()} signed: the chain up to it was rewritten or the record removed.` });
    }
  }

  problems.sort((a, b) => Number(a.sequence) - Number(b.sequence));
  return {
    ok: problems.length === 0,
    fromSequence: first === null ? null : String(first),
    toSequence: last === null ? null : String(last),
    checkedRecords: checked,
    headSequence: String(headSequence),
    headHash,
    checkedCheckpoints: all.length,
    latestCheckpoint: checkpoints[checkpoints.length - 1] ?? null,
    problems,
  };
}
