import type { AccountPrincipal, Role } from '@custos/auth';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQueryLogFixture, TEST_CITIES, type QueryLogFixture } from '../testing/query-log-fixture';
import { startCheckpointTimer } from './hash-chain';
import { recordHash } from './record-hash';

const VERIFY = `query ($from: DateTimeISO, $to: DateTimeISO, $payload: String, $signature: String) {
  verifyQueryLog(from: $from, to: $to, checkpointPayload: $payload, checkpointSignature: $signature) {
    ok checkedRecords checkedCheckpoints headSequence fromSequence toSequence
    firstProblem { kind sequence recordId message } problems { kind sequence }
    latestCheckpoint { sequence headHash } } }`;
const CHECKPOINT = `mutation { writeQueryLogCheckpoint { sequence headHash signedPayload signature keyId } }`;
const CHECKPOINTS = `query { queryLogCheckpoints(first: 100) { totalCount nodes { sequence signedPayload signature keyId } } queryLogCheckpointKey { keyId publicJwk } }`;

const CHAINS = Array.from({ length: 10 }, (_, index) => `tamper-${index}`);
let f: QueryLogFixture;

beforeAll(async () => {
  f = await startQueryLogFixture({
    CHECKPOINT_EVERY_RECORDS: 5,
    SUBJECT_HASH_KEYS: Object.fromEntries([...TEST_CITIES, ...CHAINS].map((city) => [city, randomBytes(32).toString('base64url')])),
  });
});
afterAll(async () => {
  await f?.stop();
});

const auditor = (cityId: string, roles: Role[] = ['AUDITOR']): AccountPrincipal => ({ kind: 'account', accountId: randomUUID(), personId: randomUUID(), cityId, agencyId: randomUUID(), roles });
const BASE = Date.parse('2026-10-01T01:00:00.000Z');

/** A city's chain of `count` records, appended the way recordQuery appends (checkpoints every 5). */
async function buildChain(cityId: string, count: number): Promise<void> {
  await f.queryLog.dataSource.transaction(async (manager) => {
    await manager.query(`select set_config('app.city_id', $1, true)`, [cityId]);
    for (let index = 0; index < count; index++) {
      await f.queryLog.services.chain.append(
        manager,
        cityId,
        {
          id: randomUUID(), accountId: randomUUID(), agencyId: randomUUID(), unitId: null, requestId: null, itemKey: 'labor-insurance:C0101:unspecified',
          caseNumber: `CASE-${index + 1}`, purpose: 'social assistance', subjectKind: 'NATIONAL_ID', subjectHash: 'a'.repeat(64), subjectMasked: 'A12*****89',
          legalBasis: null, consentDocument: null, proxyForAccountId: null, proxyDocumentNumber: null, clientAddress: '10.0.0.1', decisionRuleVersion: 'v1',
          queriedAt: new Date(BASE + index * 60_000),
        },
        new Date(BASE + index * 60_000 + 1000),
      );
    }
  });
}

/** Runs SQL as the database owner with the append-only trigger switched off: what an attacker with the owner role can do. */
async function tamper(...statements: string[]): Promise<void> {
  await f.db.query('ALTER TABLE query_log.query_record DISABLE TRIGGER query_record_append_only');
  await f.db.query('ALTER TABLE query_log.chain_checkpoint DISABLE TRIGGER chain_checkpoint_append_only');
  try {
    for (const sql of statements) await f.db.query(sql);
  } finally {
    await f.db.query('ALTER TABLE query_log.query_record ENABLE TRIGGER query_record_append_only');
    await f.db.query('ALTER TABLE query_log.chain_checkpoint ENABLE TRIGGER chain_checkpoint_append_only');
  }
}

async function verify(cityId: string, variables: Record<string, unknown> = {}) {
  const result = await f.client.execute(VERIFY, variables, auditor(cityId));
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.verifyQueryLog;
}

describe('verifyQueryLog', () => {
  it('an untouched chain verifies, with its checkpoints', async () => {
    await buildChain('tamper-0', 12);
    const result = await verify('tamper-0');
    expect(result).toMatchObject({ ok: true, checkedRecords: 12, headSequence: '12', checkedCheckpoints: 2, firstProblem: null, latestCheckpoint: { sequence: '10' } });
  });

  it('detects a changed field', async () => {
    await buildChain('tamper-1', 8);
    await tamper(`UPDATE query_log.query_record SET purpose = 'curiosity' WHERE city_id = 'tamper-1' AND sequence = 4`);
    const result = await verify('tamper-1');
    expect(result.ok).toBe(false);
    expect(result.firstProblem).toMatchObject({ kind: 'ALTERED_RECORD', sequence: '4' });
    expect(result.firstProblem.message).toMatch(/changed after it was recorded/);
  });

  it('detects a deleted record in the middle', async () => {
    await buildChain('tamper-2', 8);
    await tamper(`DELETE FROM query_log.query_record WHERE city_id = 'tamper-2' AND sequence = 7`);
    expect((await verify('tamper-2')).firstProblem).toMatchObject({ kind: 'MISSING_RECORD', sequence: '7' });
  });

  it('detects reordered records', async () => {
    await buildChain('tamper-3', 8);
    await tamper(
      `UPDATE query_log.query_record SET sequence = 1000 WHERE city_id = 'tamper-3' AND sequence = 3`,
      `UPDATE query_log.query_record SET sequence = 3 WHERE city_id = 'tamper-3' AND sequence = 4`,
      `UPDATE query_log.query_record SET sequence = 4 WHERE city_id = 'tamper-3' AND sequence = 1000`,
    );
    const result = await verify('tamper-3');
    expect(result.firstProblem).toMatchObject({ kind: 'BROKEN_LINK', sequence: '3' });
  });

  it('detects deleting the newest records by comparing with the last signed checkpoint', async () => {
    await buildChain('tamper-4', 12);
    const checkpoint = await f.client.execute(CHECKPOINT, {}, auditor('tamper-4'));
    expect(checkpoint.data.writeQueryLogCheckpoint.sequence).toBe('12');
    await tamper(`DELETE FROM query_log.query_record WHERE city_id = 'tamper-4' AND sequence > 10`);
    const result = await verify('tamper-4');
    expect(result.headSequence).toBe('10');
    expect(result.firstProblem).toMatchObject({ kind: 'RECORDS_MISSING_AFTER_CHECKPOINT', sequence: '11' });
    expect(result.firstProblem.message).toMatch(/records 11–12 were deleted/);
  });

  it('detects a rewritten chain (hashes recomputed by the owner): the signed checkpoints no longer match', async () => {
    await buildChain('tamper-5', 8);
    const rows = (await f.db.query(`SELECT * FROM query_log.query_record WHERE city_id = 'tamper-5' ORDER BY sequence`)).rows;
    rows[1].purpose = 'rewritten';
    const updates: string[] = [];
    let previous = rows[0].record_hash;
    for (const row of rows.slice(1)) {
      const fields = {
        id: row.id, cityId: row.city_id, sequence: String(row.sequence), accountId: row.account_id, agencyId: row.agency_id, unitId: row.unit_id, requestId: row.request_id,
        itemKey: row.item_key, caseNumber: row.case_number, purpose: row.purpose, subjectKind: row.subject_kind, subjectHash: row.subject_hash, subjectMasked: row.subject_masked,
        legalBasis: row.legal_basis, consentDocument: row.consent_document, proxyForAccountId: row.proxy_for_account_id, proxyDocumentNumber: row.proxy_document_number,
        clientAddress: row.client_address, decisionRuleVersion: row.decision_rule_version, queriedAt: row.queried_at, recordedAt: row.recorded_at, previousHash: previous,
      };
      const hash = recordHash(fields);
      updates.push(`UPDATE query_log.query_record SET purpose = '${row.purpose}', previous_hash = '${previous}', record_hash = '${hash}' WHERE id = '${row.id}'`);
      previous = hash;
    }
    await tamper(...updates);
    const result = await verify('tamper-5');
    expect(result.problems.map((problem: { kind: string }) => problem.kind)).toEqual(['CHECKPOINT_MISMATCH']);
    expect(result.firstProblem).toMatchObject({ kind: 'CHECKPOINT_MISMATCH', sequence: '5' });
  });

  it('detects a forged checkpoint and a removed one', async () => {
    await buildChain('tamper-6', 11);
    await tamper(
      `INSERT INTO query_log.chain_checkpoint (id, city_id, sequence, head_hash, previous_checkpoint_hash, created_at, key_id, signature)
       SELECT gen_random_uuid(), city_id, 11, record_hash, '${'0'.repeat(64)}', now(), 'forged', 'AAAA' FROM query_log.query_record WHERE city_id = 'tamper-6' AND sequence = 11`,
    );
    const forged = await verify('tamper-6');
    expect(forged.problems.map((problem: { kind: string }) => problem.kind)).toContain('CHECKPOINT_KEY_UNKNOWN');
    await tamper(`DELETE FROM query_log.chain_checkpoint WHERE city_id = 'tamper-6' AND sequence = 5`);
    const removed = await verify('tamper-6');
    expect(removed.problems.map((problem: { kind: string }) => problem.kind)).toContain('CHECKPOINT_CHAIN_BROKEN');
  });

  it('an owner who deletes the newest records and the newest checkpoints is caught by a checkpoint exported earlier', async () => {
    await buildChain('tamper-7', 12);
    await f.client.execute(CHECKPOINT, {}, auditor('tamper-7'));
    const exported = await f.client.execute(CHECKPOINTS, {}, auditor('tamper-7'));
    expect(exported.errors).toBeUndefined();
    const archived = exported.data.queryLogCheckpoints.nodes.at(-1);
    expect(archived.sequence).toBe('12');
    expect(JSON.parse(exported.data.queryLogCheckpointKey.publicJwk)).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: archived.keyId });
    await tamper(`DELETE FROM query_log.query_record WHERE city_id = 'tamper-7' AND sequence > 9`, `DELETE FROM query_log.chain_checkpoint WHERE city_id = 'tamper-7' AND sequence > 9`);
    expect((await verify('tamper-7')).ok).toBe(true); // nothing left in the database shows it…
    const withArchive = await verify('tamper-7', { payload: archived.signedPayload, signature: archived.signature });
    expect(withArchive.firstProblem).toMatchObject({ kind: 'RECORDS_MISSING_AFTER_CHECKPOINT', sequence: '10' }); // …the archive does
    const forgedArchive = await verify('tamper-7', { payload: archived.signedPayload.replace('"12"', '"9"'), signature: archived.signature });
    expect(forgedArchive.firstProblem).toMatchObject({ kind: 'CHECKPOINT_SIGNATURE_INVALID' });
  });

  it('checks a period only (with the link into it), and refuses callers without an integrity role', async () => {
    await buildChain('tamper-8', 10);
    const period = await verify('tamper-8', { from: new Date(BASE + 3 * 60_000).toISOString(), to: new Date(BASE + 6 * 60_000).toISOString() });
    expect(period).toMatchObject({ ok: true, fromSequence: '4', toSequence: '6', checkedRecords: 3 });
    const clerk = await f.client.execute(VERIFY, {}, auditor('tamper-8', ['CASEWORKER']));
    expect(clerk.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const otherCity = await verify('tamper-9');
    expect(otherCity).toMatchObject({ ok: true, checkedRecords: 0, headSequence: '0' });
  });

  it('the timer signs a checkpoint of each city with new records', async () => {
    await buildChain('tamper-9', 3);
    const timer = startCheckpointTimer(f.queryLog.dataSource, f.queryLog.services.chain, ['tamper-9'], 0.2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await timer.stop();
    const result = await verify('tamper-9');
    expect(result).toMatchObject({ ok: true, latestCheckpoint: { sequence: '3' } });
  });
});
