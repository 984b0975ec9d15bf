/** The instant a Taiwan calendar month (YYYY-MM-01) starts, `plus` months later. */
export function monthStart(month: string, plus = 0): Date {
  const [year, monthIndex] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, monthIndex - 1 + plus, 1) - 8 * 3_600_000);
}

/** Runs SQL: a TypeORM manager's `query` or a pg client's (rows returned). */
export type RunSql = (sql: string, params: unknown[]) => Promise<Array<Record<string, any>>>;

export interface ReconcileInput {
  runId: string;
  cityId: string;
  agencyId: string;
  /** The month's first day (YYYY-MM-01). */
  month: string;
  createdBy: string;
  createdAt: Date;
}

export interface ReconcileCounts {
  registerCount: number;
  bureauCount: number;
  matchedCount: number;
  bureauOnlyCount: number;
  registerOnlyCount: number;
}

/**
 * Matches one agency's register entries of a month with the bureau's records of that month, record
 * by record and set-based. A register entry and a bureau record match when the same official queried
 * the same item (service and code) about the same subject (keyed hash) on the same Taiwan calendar
 * day; the n-th such entry of a day pairs with the n-th such record (both in time order), so counts
 * matter as well as presence. Bureau records of user names no account matched never match: they are
 * unregistered queries by construction. Writes the record-level discrepancies (bureau-only: queries
 * nobody registered; register-only: entries the bureau has no record of), the count-level groups per
 * unit and official, and the run with its totals. The matched list is read back on demand
 * (`matchedRegisterEntries`): the register entries of the month not listed as register-only.
 */
export async function reconcileMonth(run: RunSql, input: ReconcileInput): Promise<ReconcileCounts> {
  const from = monthStart(input.month);
  const to = monthStart(input.month, 1);
  // Room to sort and hash a month in memory (this transaction only): spilling to disk triples the time.
  await run(`SELECT set_config('work_mem', '256MB', true)`, []);
  // One statement. Each side is numbered within its match key — official, Taiwan day, service, item,
  // subject — condensed into two independent 64-bit hashes (128 bits: a collision is as unlikely as one of
  // SHA-256's), so sorting and joining handle a few narrow columns instead of five wide ones. The pairs
  // (narrow, in memory) give the count-level groups; only the discrepancies are written record by record,
  // their details read back by primary key — matches are nearly everything and are only counted.
  await run(
    `WITH register AS (
       SELECT id, unit_id, account_id, queried_at, hashtextextended(match, day) AS k1, hashtextextended(match, day + 7919) AS k2
         FROM (SELECT r.id, r.unit_id, r.account_id, r.queried_at,
                      r.account_id::text || '|' || split_part(r.item_key, ':', 1) || ':' || split_part(r.item_key, ':', 2) || '|' || r.subject_hash AS match,
                      (r.queried_at AT TIME ZONE 'Asia/Taipei')::date - date '2000-01-01' AS day
                 FROM query_log.query_record r
                WHERE r.city_id = $1 AND r.agency_id = $2 AND r.queried_at >= $3 AND r.queried_at < $4 OFFSET 0) keyed),
     bureau AS (
       SELECT service, record_id, unit_id, account_id, unknown_user, queried_at, hashtextextended(match, day) AS k1, hashtextextended(match, day + 7919) AS k2
         FROM (SELECT b.service, b.record_id, b.unit_id, b.account_id, CASE WHEN b.account_id IS NULL THEN b.user_account END AS unknown_user, b.queried_at,
                      coalesce(b.account_id::text, '-') || '|' || b.service || ':' || b.item_code || '|' || b.subject_hash AS match,
                      (b.queried_at AT TIME ZONE 'Asia/Taipei')::date - date '2000-01-01' AS day
                 FROM query_log.bureau_record b
                WHERE b.city_id = $1 AND b.agency_id = $2 AND b.queried_at >= $3 AND b.queried_at < $4 OFFSET 0) keyed),
     numbered_register AS (SELECT register.*, row_number() OVER (PARTITION BY k1, k2 ORDER BY queried_at, id) AS n FROM register),
     numbered_bureau AS (SELECT bureau.*, row_number() OVER (PARTITION BY k1, k2 ORDER BY queried_at, record_id) AS n FROM bureau),
     pairs AS MATERIALIZED (
       SELECT r.id AS register_id, b.service AS bureau_service, b.record_id AS bureau_id,
              coalesce(r.unit_id, b.unit_id) AS unit_id, coalesce(r.account_id, b.account_id) AS account_id, b.unknown_user AS user_account
         FROM numbered_register r FULL JOIN numbered_bureau b ON r.k1 = b.k1 AND r.k2 = b.k2 AND r.n = b.n),
     written AS (
       INSERT INTO query_log.reconciliation_item (city_id, run_id, kind, unit_id, account_id, user_account, register_record_id, bureau_record_id, service, item_code, subject_masked, queried_at, bureau_queried_at)
       SELECT $1, $5::uuid, CASE WHEN u.register_id IS NULL THEN 'BUREAU_ONLY' ELSE 'REGISTER_ONLY' END, u.unit_id, u.account_id, u.user_account,
              rr.id, bb.record_id, coalesce(split_part(rr.item_key, ':', 1), bb.service), coalesce(split_part(rr.item_key, ':', 2), bb.item_code),
              coalesce(rr.subject_masked, bb.subject_masked), coalesce(rr.queried_at, bb.queried_at), bb.queried_at
         FROM pairs u
         LEFT JOIN query_log.query_record rr ON rr.city_id = $1 AND rr.id = u.register_id
         LEFT JOIN query_log.bureau_record bb ON bb.city_id = $1 AND bb.service = u.bureau_service AND bb.record_id = u.bureau_id
        WHERE u.register_id IS NULL OR u.bureau_id IS NULL)
     INSERT INTO query_log.reconciliation_group (city_id, run_id, unit_id, account_id, user_account, register_count, bureau_count, matched_count, bureau_only_count, register_only_count)
     SELECT $1, $5::uuid, unit_id, account_id, user_account, count(register_id), count(bureau_id),
            count(*) FILTER (WHERE register_id IS NOT NULL AND bureau_id IS NOT NULL), count(*) FILTER (WHERE register_id IS NULL), count(*) FILTER (WHERE bureau_id IS NULL)
       FROM pairs GROUP BY unit_id, account_id, user_account`,
    [input.cityId, input.agencyId, from, to, input.runId],
  );
  const [totals] = await run(
    `SELECT coalesce(sum(register_count), 0)::int AS register_count, coalesce(sum(bureau_count), 0)::int AS bureau_count, coalesce(sum(matched_count), 0)::int AS matched,
            coalesce(sum(bureau_only_count), 0)::int AS bureau_only, coalesce(sum(register_only_count), 0)::int AS register_only
       FROM query_log.reconciliation_group WHERE city_id = $1 AND run_id = $2`,
    [input.cityId, input.runId],
  );
  const counts: ReconcileCounts = {
    registerCount: totals!.register_count,
    bureauCount: totals!.bureau_count,
    matchedCount: totals!.matched,
    bureauOnlyCount: totals!.bureau_only,
    registerOnlyCount: totals!.register_only,
  };
  await run(
    `INSERT INTO query_log.reconciliation_run (id, city_id, agency_id, month, created_by, created_at, register_count, bureau_count, matched_count, bureau_only_count, register_only_count)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [input.runId, input.cityId, input.agencyId, input.month, input.createdBy, input.createdAt, counts.registerCount, counts.bureauCount, counts.matchedCount, counts.bureauOnlyCount, counts.registerOnlyCount],
  );
  return counts;
}
