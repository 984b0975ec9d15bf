import { randomBytes } from 'node:crypto';

/**
 * How an audit's sample is chosen and its population fingerprinted. An audit stores the method it was
 * drawn with, so an audit drawn under an older method is verified under that method for as long as it
 * is kept: a method is never changed once audits have been drawn with it — a new one is added.
 *
 * - `md5-sorted-ids` (until 2026-12): key md5(seed ‖ id as lowercase text), compared as hex text;
 *   population hash SHA-256 of the ids as lowercase text, each followed by a newline, in ascending order
 *   (`LC_ALL=C sort ids.txt | sha256sum`). Both passes cost about a microsecond a record: 1.2 s for a
 *   county's half-year of 500,000 records on two cores, over the one-second target (issue 7).
 * - `hash64-register-order` (current): key PostgreSQL's seeded 64-bit hash of the id's 16 bytes,
 *   `uuid_hash_extended(id, seed)` (Bob Jenkins' lookup3, the hash PostgreSQL's hash partitioning relies
 *   on, so kept stable across releases), compared as an unsigned number and shown as 16 hex digits; the
 *   64-bit seed is 16 hex digits. Population hash SHA-256 of the ids' 16 bytes each, in register order
 *   (by query time, then id) — the order the period index already yields, so nothing is sorted. A port of
 *   the key in TypeScript (src/testing/pg-hash.ts) recomputes every key of a draw in the tests.
 *
 * Neither key is a secret: the seed is drawn at random by the server when the audit is drawn, after
 * the period is over, so no one can know which records it will pick; the key only has to spread records
 * uniformly, which both do.
 */
export type DrawMethodId = 'md5-sorted-ids' | 'hash64-register-order';

export const CURRENT_DRAW_METHOD: DrawMethodId = 'hash64-register-order';
export const DRAW_METHOD_IDS: readonly DrawMethodId[] = ['md5-sorted-ids', 'hash64-register-order'];

export interface DrawMethod {
  id: DrawMethodId;
  newSeed(): string;
  /** SQL of the sort key of record `id` (ascending = drawn first), given the seed's parameter. */
  sortKey(seedParam: string): string;
  /** SQL turning the sort key into the draw key shown and stored (text, same order under COLLATE "C"). */
  drawKeyText(sortKey: string): string;
  /** The SQL type cut-offs are compared in. */
  cutoffType: 'text' | 'bigint';
  /** The cut-off below which a share (0 < share < 1) of uniform keys lies. */
  cutoff(share: number): string;
  /** SQL aggregate of the population's SHA-256 (hex) over the rows of the population. */
  populationHash: string;
}

const md5SortedIds: DrawMethod = {
  id: 'md5-sorted-ids',
  newSeed: () => randomBytes(16).toString('hex'),
  // COLLATE "C": hex keys order by their bytes whatever the database's locale, so a draw is reproduced exactly on any server.
  sortKey: (seed) => `md5(${seed} || id::text) COLLATE "C"`,
  drawKeyText: (sortKey) => sortKey,
  cutoffType: 'text',
  cutoff: (share) => Math.floor(share * 2 ** 32).toString(16).padStart(8, '0'),
  populationHash: `encode(sha256(convert_to(coalesce(string_agg(id::text || chr(10), '' ORDER BY id), ''), 'UTF8')), 'hex')`,
};

/** Flipping the sign bit turns the unsigned 64-bit order into PostgreSQL's signed bigint order. */
const SIGN_BIT = '(-9223372036854775808)::bigint';
const TWO_63 = 2n ** 63n;

const hash64RegisterOrder: DrawMethod = {
  id: 'hash64-register-order',
  newSeed: () => randomBytes(8).toString('hex'),
  sortKey: (seed) => `(uuid_hash_extended(id, ('x' || ${seed})::bit(64)::bigint) # ${SIGN_BIT})`,
  // to_hex of a negative bigint is its two's complement, i.e. the unsigned value.
  drawKeyText: (sortKey) => `lpad(to_hex(${sortKey} # ${SIGN_BIT}), 16, '0') COLLATE "C"`,
  cutoffType: 'bigint',
  // 53 bits of the share are plenty: a cut-off only bounds how much is ranked, never which records win.
  cutoff: (share) => (BigInt(Math.floor(share * 2 ** 53)) * 2n ** 11n - TWO_63).toString(),
  populationHash: `encode(sha256(coalesce(string_agg(uuid_send(id), ''::bytea ORDER BY queried_at, id), ''::bytea)), 'hex')`,
};

const METHODS: Record<DrawMethodId, DrawMethod> = { 'md5-sorted-ids': md5SortedIds, 'hash64-register-order': hash64RegisterOrder };

export function drawMethod(id: string): DrawMethod {
  const method = METHODS[id as DrawMethodId];
  if (!method) throw new Error(`unknown draw method ${id}`);
  return method;
}
