import canonicalize from 'canonicalize';
import { createHash, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { QueryRecordEntity } from '../records/query-record.entity';
import type { CheckpointKeys } from './checkpoint-keys';
import { GENESIS_HASH, recordHash, type HashedRecordFields } from './record-hash';

/** Advisory-lock class for "appending to a city's chain"; the second key is hashtext(city). */
const CHAIN_LOCK_CLASS = 0x514c; // "QL"

export type NewRecord = Omit<HashedRecordFields, 'cityId' | 'sequence' | 'previousHash' | 'recordedAt'>;

export interface ChainHead {
  sequence: number;
  hash: string;
}

export interface CheckpointRow {
  id: string;
  cityId: string;
  sequence: string;
  headHash: string;
  previousCheckpointHash: string;
  createdAt: Date;
  keyId: string;
  signature: string;
}

/** The exact bytes a checkpoint's signature covers (RFC 8785 JSON). */
export function checkpointPayload(row: Pick<CheckpointRow, 'cityId' | 'sequence' | 'headHash' | 'previousCheckpointHash' | 'createdAt' | 'keyId'>): string {
  return canonicalize({
    v: 1,
    type: 'custos.query-log.checkpoint',
    cityId: row.cityId,
    sequence: String(row.sequence),
    headHash: row.headHash,
    previousCheckpointHash: row.previousCheckpointHash,
    createdAt: row.createdAt.toISOString(),
    keyId: row.keyId,
  })!;
}

/** What the next checkpoint links to: the hash of this checkpoint's payload and signature. */
export function checkpointLinkHash(row: CheckpointRow): string {
  return createHash('sha256').update(`${checkpointPayload(row)}.${row.signature}`).digest('hex');
}

export function mapCheckpoint(row: Record<string, any>): CheckpointRow {
  return {
    id: row.id,
    cityId: row.city_id,
    sequence: String(row.sequence),
    headHash: row.head_hash,
    previousCheckpointHash: row.previous_checkpoint_hash,
    createdAt: row.created_at,
    keyId: row.key_id,
    signature: row.signature,
  };
}

/**
 * Each city's query records form a hash chain: record n carries the hash of record n-1, and its own
 * hash covers every field plus that link. Appends are serialised per city with a transaction-scoped
 * advisory lock, so two concurrent writers cannot both extend the same head (no fork, no gap).
 */
export class HashChain {
  constructor(
    private readonly keys: CheckpointKeys,
    private readonly checkpointEvery: number,
  ) {}

  /** Serialises appends to `cityId`'s chain until the transaction ends. */
  async lock(manager: EntityManager, cityId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [CHAIN_LOCK_CLASS, cityId]);
  }

  async head(manager: EntityManager, cityId: string): Promise<ChainHead> {
    const rows: Array<{ sequence: string; record_hash: string }> = await manager.query(
      'SELECT sequence, record_hash FROM query_log.query_record WHERE city_id = $1 ORDER BY sequence DESC LIMIT 1',
      [cityId],
    );
    return rows[0] ? { sequence: Number(rows[0].sequence), hash: rows[0].record_hash } : { sequence: 0, hash: GENESIS_HASH };
  }

  /** Appends a record in the caller's transaction; writes a signed checkpoint every `checkpointEvery` records. */
  async append(manager: EntityManager, cityId: string, record: NewRecord, now: Date, unhashed: { purposeCategory?: string | null } = {}): Promise<QueryRecordEntity> {
    await this.lock(manager, cityId);
    const head = await this.head(manager, cityId);
    const fields: HashedRecordFields = { ...record, cityId, sequence: String(head.sequence + 1), previousHash: head.hash, recordedAt: now };
    const entity = manager.getRepository(QueryRecordEntity).create({ ...fields, recordHash: recordHash(fields), purposeCategory: unhashed.purposeCategory ?? null });
    await manager.getRepository(QueryRecordEntity).insert(entity);
    if ((head.sequence + 1) % this.checkpointEvery === 0) await this.writeCheckpointLocked(manager, cityId, now);
    return entity;
  }

  async latestCheckpoint(manager: EntityManager, cityId: string): Promise<CheckpointRow | null> {
    const rows = await manager.query('SELECT * FROM query_log.chain_checkpoint WHERE city_id = $1 ORDER BY sequence DESC LIMIT 1', [cityId]);
    return rows[0] ? mapCheckpoint(rows[0]) : null;
  }

  /** A signed checkpoint of the current head, unless the latest checkpoint already covers it. */
  async writeCheckpoint(manager: EntityManager, cityId: string, now: Date): Promise<CheckpointRow | null> {
    await this.lock(manager, cityId);
    return this.writeCheckpointLocked(manager, cityId, now);
  }

  private async writeCheckpointLocked(manager: EntityManager, cityId: string, now: Date): Promise<CheckpointRow | null> {
    const head = await this.head(manager, cityId);
    const previous = await this.latestCheckpoint(manager, cityId);
    if (head.sequence === 0) return null;
    if (previous && Number(previous.sequence) >= head.sequence) return previous;
    const unsigned = {
      id: randomUUID(),
      cityId,
      sequence: String(head.sequence),
      headHash: head.hash,
      previousCheckpointHash: previous ? checkpointLinkHash(previous) : GENESIS_HASH,
      createdAt: now,
      keyId: this.keys.keyId(cityId),
    };
    const { signature } = this.keys.sign(cityId, checkpointPayload(unsigned));
    const row: CheckpointRow = { ...unsigned, signature };
    await manager.query(
      `INSERT INTO query_log.chain_checkpoint (id, city_id, sequence, head_hash, previous_checkpoint_hash, created_at, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [row.id, row.cityId, row.sequence, row.headHash, row.previousCheckpointHash, row.createdAt, row.keyId, row.signature],
    );
    return row;
  }
}

/**
 * Writes a checkpoint for every city with new records every `intervalSeconds`, outside any request
 * (its own short transaction per city), so a quiet city's last records are anchored too.
 */
export function startCheckpointTimer(dataSource: DataSource, chain: HashChain, cityIds: string[], intervalSeconds: number): { stop(): Promise<void> } {
  if (intervalSeconds <= 0) return { stop: async () => {} };
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = (async () => {
      for (const cityId of cityIds) {
        try {
          await dataSource.transaction(async (manager) => {
            await manager.query(`select set_config('app.city_id', $1, true)`, [cityId]);
            await chain.writeCheckpoint(manager, cityId, new Date());
          });
        } catch (error) {
          console.error(`[query-log] checkpoint for ${cityId} failed`, error);
        }
      }
    })();
  };
  const timer = setInterval(tick, intervalSeconds * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
