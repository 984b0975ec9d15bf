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
  // Room to sort and hash a month in memory (this transaction only): spilling to disk triples the time.
  await run(`SELECT set_config('work_mem', '256MB', true)`, []);
  // One statement: pair the month's entries, write the discrepancies, count every group.
  await run(
    `WITH register AS (
       SELECT r.id, r.account_id, r.unit_id, split_part(r.item_key, ':', 1) AS service, split_part(r.item_key, ':', 2) AS item_code,
              r.subject_hash, r.subject_masked, r.queried_at, (r.queried_at AT TIME ZONE 'Asia/Taipei')::date AS day
         FROM query_log.query_record r
        WHERE r.city_id = $1 AND r.agency_id = $2 AND r.queried_at >= $3 AND r.queried_at < $5),
     bureau AS (
       SELECT b.record_id, b.account_id, b.unit_id, b.user_account, b.service, b.item_code, b.subject_hash, b.subject_masked, b.queried_at,
              (b.queried_at AT TIME ZONE 'Asia/Taipei')::date AS day
         FROM query_log.bureau_record b
        WHERE b.city_id = $1 AND b.agency_id = $2 AND b.queried_at >= $3 AND b.queried_at < $5),
     numbered_register AS (
       SELECT register.*, row_number() OVER (PARTITION BY account_id, day, item_code, service, subject_hash ORDER BY queried_at, id) AS n FROM register),
     numbered_bureau AS (
       SELECT bureau.*, row_number() OVER (PARTITION BY account_id, day, item_code, service, subject_hash ORDER BY queried_at, record_id) AS n FROM bureau),
     pairs AS MATERIALIZED (
       SELECT CASE WHEN r.id IS NULL THEN 'BUREAU_ONLY' WHEN b.record_id IS NULL THEN 'REGISTER_ONLY' ELSE 'MATCHED' END AS kind,
              coalesce(r.unit_id, b.unit_id) AS unit_id, coalesce(r.account_id, b.account_id) AS account_id,
              CASE WHEN coalesce(r.account_id, b.account_id) IS NULL THEN b.user_account END AS user_account,
              r.id AS register_record_id, b.record_id AS bureau_record_id, coalesce(r.service, b.service) AS service, coalesce(r.item_code, b.item_code) AS item_code,
              coalesce(r.subject_masked, b.subject_masked) AS subject_masked, coalesce(r.queried_at, b.queried_at) AS queried_at, b.queried_at AS bureau_queried_at
         FROM numbered_register r FULL JOIN numbered_bureau b
           ON r.account_id = b.account_id AND r.day = b.day AND r.item_code = b.item_code AND r.service = b.service AND r.subject_hash = b.subject_hash AND r.n = b.n),
     -- Record level: the discrepancies are kept row by row (usually few); matches are counted (usually
     -- nearly everything — writing a million matched pairs would cost more than the matching itself).
     written AS (
       INSERT INTO query_log.reconciliation_item (city_id, run_id, kind, unit_id, account_id, user_account, register_record_id, bureau_record_id, service, item_code, subject_masked, queried_at, bureau_queried_at)
       SELECT $1, $4::uuid, kind, unit_id, account_id, user_account, register_record_id, bureau_record_id, service, item_code, subject_masked, queried_at, bureau_queried_at
         FROM pairs WHERE kind <> 'MATCHED')
     INSERT INTO query_log.reconciliation_group (city_id, run_id, unit_id, account_id, user_account, register_count, bureau_count, matched_count, bureau_only_count, register_only_count)
     SELECT $1, $4::uuid, unit_id, account_id, user_account,
            count(*) FILTER (WHERE kind <> 'BUREAU_ONLY'), count(*) FILTER (WHERE kind <> 'REGISTER_ONLY'),
            count(*) FILTER (WHERE kind = 'MATCHED'), count(*) FILTER (WHERE kind = 'BUREAU_ONLY'), count(*) FILTER (WHERE kind = 'REGISTER_ONLY')
       FROM pairs GROUP BY unit_id, account_id, user_account`,
    [input.cityId, input.agencyId, monthStart(input.month), input.runId, monthStart(input.month, 1)],
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
