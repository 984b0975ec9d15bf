import { migrateQueryLog } from '@custos/query-log';
import { addStandInAgencies } from '@custos/tenancy';
import type { TestDatabase } from '@custos/testkit';
import { createHash, randomUUID } from 'node:crypto';

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
 * Appends records to the register as the owner, numbering them after the city's last sequence number.
 * The hash-chain columns hold placeholders: these tests do not verify the chain.
 */
export async function seedQueryRecords(db: Pick<TestDatabase, 'ownerUrl' | 'query'>, records: SeedRecord[]): Promise<string[]> {
  const ids = records.map((r) => r.id ?? randomUUID());
  const byCity = new Map<string, number>();
  for (const r of records) byCity.set(r.cityId, 0);
  for (const cityId of byCity.keys()) {
    const [{ max }] = (await db.query(`select coalesce(max(sequence), 0)::int as max from query_log.query_record where city_id = $1`, [cityId])).rows;
    byCity.set(cityId, max);
  }
  const sequences = records.map((r) => {
    const next = byCity.get(r.cityId)! + 1;
    byCity.set(r.cityId, next);
    return next;
  });
  // An agency with records is an agency of its city (for identity's agency directory, where tests stand it in).
  await addStandInAgencies((sql, params) => db.query(sql, params), [...new Map(records.map((r) => [`${r.cityId}/${r.agencyId}`, { id: r.agencyId, cityId: r.cityId }])).values()]);
  const zero = '0'.repeat(64);
  await db.query(
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
  return ids;
}
