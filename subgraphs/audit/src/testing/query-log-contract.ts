import { migrateQueryLog } from '@custos/query-log';
import { addStandInAgencies } from '@custos/tenancy';
import type { TestDatabase } from '@custos/testkit';
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * What the audit subgraph reads of the query register, as views the query-log subgraph owns
 * (security_invoker, so the register's row-level security applies to custos_audit):
 *
 * - `query_log.sampling_population` (query-log migration AuditViews1764115200004): the audit population —
 *   id, city_id, queried_at, account_id, agency_id, unit_id, item_key, sequence;
 * - `query_log.anomaly_source` (asked of the query-log subgraph, not there yet): the same plus `subject_key`,
 *   a pseudonym of the person queried that is stable within the city, so the anomaly rules can see one person
 *   looked up by many users without ever holding the ID or the register's own subject hash.
 *
 * Tests create a view the query-log migrations do not provide yet, as the database owner, from the
 * definitions below. Only in tests: the `subject_key` here is a plain re-hash; the real one should be keyed.
 */
export const QUERY_LOG_VIEWS: Record<string, { select: string; baseColumns: string[] }> = {
  'query_log.sampling_population': {
    select: 'id, city_id, queried_at, account_id, agency_id, unit_id, item_key, sequence',
    baseColumns: ['id', 'city_id', 'queried_at', 'account_id', 'agency_id', 'unit_id', 'item_key', 'sequence'],
  },
  'query_log.anomaly_source': {
    select: `id, city_id, queried_at, account_id, agency_id, unit_id, item_key, sequence, encode(sha256(convert_to('audit:' || subject_hash, 'UTF8')), 'hex') AS subject_key`,
    baseColumns: ['id', 'city_id', 'queried_at', 'account_id', 'agency_id', 'unit_id', 'item_key', 'sequence', 'subject_hash'],
  },
};

/** Runs the query-log migrations and creates the views they do not provide yet (as the database owner). */
export async function ensureQueryLogContract(db: Pick<TestDatabase, 'ownerUrl' | 'query'>): Promise<void> {
  await migrateQueryLog(db.ownerUrl);
  await ensureQueryLogViews(db);
}

export async function ensureQueryLogViews(db: Pick<TestDatabase, 'query'>): Promise<void> {
  for (const [view, definition] of Object.entries(QUERY_LOG_VIEWS)) {
    const [{ exists }] = (await db.query(`select to_regclass($1) is not null as exists`, [view])).rows;
    if (exists) continue;
    await db.query(`CREATE VIEW ${view} WITH (security_invoker = true) AS SELECT ${definition.select} FROM query_log.query_record`);
    await db.query(`GRANT USAGE ON SCHEMA query_log TO custos_audit`);
    await db.query(`GRANT SELECT ON ${view} TO custos_audit`);
    // security_invoker: the caller needs the columns of the underlying table too (and row-level security applies).
    await db.query(`GRANT SELECT (${definition.baseColumns.join(', ')}) ON query_log.query_record TO custos_audit`);
  }
}

export interface SeedRecord {
  id?: string;
  cityId: string;
  queriedAt: Date | string;
  accountId: string;
  agencyId: string;
  unitId?: string | null;
  itemKey?: string;
  /** A citizen's identifier; stored only as its hash, as the register does. */
  subject?: string;
}

/** A subject hash in the register's format (64 hex digits); the real one is an HMAC with the city's secret. */
export function subjectHash(subject: string): string {
  return createHash('sha256').update(`test-subject:${subject}`).digest('hex');
}

/** The `subject_key` the test view gives that subject. */
export function subjectKeyOf(subject: string): string {
  return createHash('sha256').update(`audit:${subjectHash(subject)}`).digest('hex');
}

/**
 * The query-log subgraph's advisory-lock class for "appending to a city's chain"
 * (subgraphs/query-log/src/chain/hash-chain.ts); the second key is hashtext(city). Seeding and removal
 * hold it so neither interleaves with a checkpoint or a real append.
 */
const CHAIN_LOCK_CLASS = 0x514c;

async function inOwnerTransaction<T>(ownerUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

async function lockChains(client: pg.Client, cityIds: Iterable<string>): Promise<void> {
  // A fixed order, so two helpers locking several cities cannot deadlock.
  for (const cityId of [...new Set(cityIds)].sort()) await client.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [CHAIN_LOCK_CLASS, cityId]);
}

/**
 * Appends records to the register as the owner, numbering them after the city's last sequence number,
 * in one transaction under the chain's lock. The hash-chain columns hold placeholders: take them out
 * again with `removeSeededQueryRecords`, which puts the register back as it was.
 */
export async function seedQueryRecords(db: Pick<TestDatabase, 'ownerUrl'>, records: SeedRecord[]): Promise<string[]> {
  const ids = records.map((r) => r.id ?? randomUUID());
  await inOwnerTransaction(db.ownerUrl, async (client) => {
    const byCity = new Map<string, number>();
    await lockChains(client, records.map((r) => r.cityId));
    // An agency with records is an agency of its city (for identity's agency directory, where tests stand it in).
    await addStandInAgencies((sql, params) => client.query(sql, params), [...new Map(records.map((r) => [`${r.cityId}/${r.agencyId}`, { id: r.agencyId, cityId: r.cityId }])).values()]);
    for (const cityId of new Set(records.map((r) => r.cityId))) {
      const [{ max }] = (await client.query(`select coalesce(max(sequence), 0)::int as max from query_log.query_record where city_id = $1`, [cityId])).rows;
      byCity.set(cityId, max);
    }
    const sequences = records.map((r) => {
      const next = byCity.get(r.cityId)! + 1;
      byCity.set(r.cityId, next);
      return next;
    });
    const zero = '0'.repeat(64);
    await client.query(
      `INSERT INTO query_log.query_record (id, city_id, sequence, account_id, agency_id, unit_id, item_key, case_number, purpose, subject_hash, subject_masked, queried_at, previous_hash, record_hash)
       SELECT id, city_id, sequence, account_id, agency_id, unit_id, item_key, 'CASE-' || sequence, '社會救助調查', subject_hash, 'A12*****89', queried_at, $9, $9
         FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $10::timestamptz[])
           AS t(id, city_id, sequence, account_id, agency_id, unit_id, item_key, subject_hash, queried_at)`,
      [
        ids,
        records.map((r) => r.cityId),
        sequences,
        records.map((r) => r.accountId),
        records.map((r) => r.agencyId),
        records.map((r) => r.unitId ?? null),
        records.map((r) => r.itemKey ?? 'labor-insurance:F0201:unspecified'),
        records.map((r, i) => subjectHash(r.subject ?? `subject-${ids[i]}`)),
        zero,
        records.map((r) => (r.queriedAt instanceof Date ? r.queriedAt.toISOString() : r.queriedAt)),
      ],
    );
  });
  return ids;
}

/**
 * Takes seeded records out again and puts the register back as it was before them, so the hash chain
 * of a shared test database stays verifiable for the tests that run after: under the chain's lock, the
 * records go, so do the checkpoints signed over them (a timed checkpoint may have covered the seeded
 * head, and the next real record would otherwise be numbered below it), and the monthly roll-up counts
 * them out again. The append-only triggers are off for this one transaction, as the owner.
 */
export async function removeSeededQueryRecords(db: Pick<TestDatabase, 'ownerUrl'>, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await inOwnerTransaction(db.ownerUrl, async (client) => {
    const cities: Array<{ city_id: string; first: string }> = (
      await client.query(`select city_id, min(sequence)::text as first from query_log.query_record where id = any($1::uuid[]) group by city_id`, [ids])
    ).rows;
    await lockChains(client, cities.map((c) => c.city_id));
    const [{ later }] = (
      await client.query(
        `select count(*)::int as later from query_log.query_record r
           join (select city_id, min(sequence) as first from query_log.query_record where id = any($1::uuid[]) group by city_id) s using (city_id)
          where r.sequence > s.first and r.id <> all($1::uuid[])`,
        [ids],
      )
    ).rows;
    // Real records appended after the seeded ones would be left pointing at a hole: refuse rather than break the chain.
    if (later > 0) throw new Error(`${later} real records were appended after the seeded ones; removing them would break the chain`);
    // The roll-up keeps n > 0: groups the seeded records alone made go; the others count them out.
    const gone = `WITH gone AS (
         SELECT city_id, date_trunc('month', queried_at AT TIME ZONE 'Asia/Taipei')::date AS month, agency_id, unit_id, item_key, count(*) AS n
           FROM query_log.query_record WHERE id = any($1::uuid[]) GROUP BY 1, 2, 3, 4, 5)`;
    const sameGroup = `(m.city_id, m.month, m.agency_id, m.item_key) = (gone.city_id, gone.month, gone.agency_id, gone.item_key) AND m.unit_id IS NOT DISTINCT FROM gone.unit_id`;
    await client.query(`${gone} DELETE FROM query_log.query_count_monthly m USING gone WHERE ${sameGroup} AND m.n <= gone.n`, [ids]);
    await client.query(`${gone} UPDATE query_log.query_count_monthly m SET n = m.n - gone.n FROM gone WHERE ${sameGroup}`, [ids]);
    await client.query('ALTER TABLE query_log.query_record DISABLE TRIGGER USER');
    await client.query('ALTER TABLE query_log.chain_checkpoint DISABLE TRIGGER USER');
    await client.query('DELETE FROM query_log.query_record WHERE id = any($1::uuid[])', [ids]);
    for (const { city_id, first } of cities) {
      await client.query('DELETE FROM query_log.chain_checkpoint WHERE city_id = $1 AND sequence >= $2::bigint', [city_id, first]);
    }
    await client.query('ALTER TABLE query_log.chain_checkpoint ENABLE TRIGGER USER');
    await client.query('ALTER TABLE query_log.query_record ENABLE TRIGGER USER');
  });
}

export interface SeedReconciliationItem {
  kind: 'MATCHED' | 'BUREAU_ONLY' | 'REGISTER_ONLY';
  accountId?: string | null;
  /** The bureau system's user name, when the import could not map it to an account. */
  userAccount?: string | null;
  bureauRecordId: string;
  service: string;
  itemCode: string;
  queriedAt: Date;
}

/**
 * A reconciliation run of one agency's month with its items, as query-log's reconcileMonth stores them
 * (as the owner): what `query_log.unregistered_query` reads. Returns the run's id.
 */
export async function seedReconciliationRun(
  db: Pick<TestDatabase, 'ownerUrl'>,
  run: { cityId: string; agencyId: string; month: string; items: SeedReconciliationItem[] },
): Promise<string> {
  const runId = randomUUID();
  const count = (kind: SeedReconciliationItem['kind']) => run.items.filter((item) => item.kind === kind).length;
  await inOwnerTransaction(db.ownerUrl, async (client) => {
    await client.query(
      `INSERT INTO query_log.reconciliation_run (id, city_id, agency_id, month, created_by, created_at, register_count, bureau_count, matched_count, bureau_only_count, register_only_count)
       VALUES ($1, $2, $3, $4, $5, now(), $6, $7, $8, $9, $10)`,
      [runId, run.cityId, run.agencyId, run.month, randomUUID(), count('MATCHED') + count('REGISTER_ONLY'), count('MATCHED') + count('BUREAU_ONLY'), count('MATCHED'), count('BUREAU_ONLY'), count('REGISTER_ONLY')],
    );
    for (const item of run.items) {
      await client.query(
        `INSERT INTO query_log.reconciliation_item (city_id, run_id, kind, account_id, user_account, bureau_record_id, service, item_code, subject_masked, queried_at, bureau_queried_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'A12*****89', $9, $9)`,
        [run.cityId, runId, item.kind, item.accountId ?? null, item.userAccount ?? null, item.bureauRecordId, item.service, item.itemCode, item.queriedAt],
      );
    }
  });
  return runId;
}
