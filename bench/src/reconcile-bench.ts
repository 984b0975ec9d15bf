/**
 * Monthly reconciliation: one agency's month of 1,000,000 register entries against 1,000,000 bureau
 * records (BENCH_ROWS to change; 95% matching, 5% on each side only), reconciled as the query log does
 * it — record by record, set-based, writing the three lists and the per-unit/official counts — as the
 * application role under row-level security. Baseline measured in the same run: the bare full join of
 * the two months on the match key (no numbering, no writing). Target: under 5 seconds.
 *
 *   pnpm --filter @custos/bench exec tsx src/reconcile-bench.ts
 */
// Relative imports: the bench package does not depend on @custos/query-log (see the report).
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedCluster } from '../../packages/postgres/src/index';
import { createTestDatabase } from '../../packages/testkit/src/database';
import { migrateQueryLog } from '../../subgraphs/query-log/src/migrations/index';
import { reconcileMonth } from '../../subgraphs/query-log/src/reconciliation/reconcile-month';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const ONLY = Math.round(ROWS * 0.05);
const CITY = 'taoyuan';
const MONTH = '2026-10-01';

let cluster: Awaited<ReturnType<typeof startEmbeddedCluster>> | undefined;
let dataRoot: string | undefined;
if (!process.env.DATABASE_URL) {
  dataRoot = mkdtempSync(join(tmpdir(), 'custos-bench-pg-'));
  chmodSync(dataRoot, 0o755);
  cluster = await startEmbeddedCluster({ dataDir: join(dataRoot, 'data'), persistent: false });
  process.env.DATABASE_URL = cluster.adminUrl;
}
const db = await createTestDatabase('bench_reconcile');
try {
  await migrateQueryLog(db.ownerUrl);
  const agencyId = randomUUID();
  const accounts = Array.from({ length: 200 }, () => randomUUID());
  const units = Array.from({ length: 10 }, () => randomUUID());
  console.log(`generating ${ROWS.toLocaleString()} register entries and ${ROWS.toLocaleString()} bureau records…`);
  let started = performance.now();
  // Entry g: official g % 200 (unit by official), item, subject, and a time in office hours of a day of the month. The first
  // ROWS − ONLY exist on both sides; the rest differ by subject, so each side has ONLY records of its own.
  const shape = (side: string) => `
    ($3::uuid[])[1 + g % 200] AS account_id, ($4::uuid[])[1 + (g % 200) % 10] AS unit_id,
    (ARRAY['C0101','C0201','B0101','B0201','F0201'])[1 + g % 5] AS item_code,
    encode(sha256(convert_to(CASE WHEN g <= $1 - $2 THEN 's' || (g % 50000) ELSE '${side}' || g END, 'UTF8')), 'hex') AS subject_hash,
    ('2026-10-01 09:00:00+08'::timestamptz + (g % 27) * interval '1 day' + ((g * 37) % 28000) * interval '1 second') AS queried_at`;
  await db.query(
    `INSERT INTO query_log.query_record (id, city_id, sequence, account_id, agency_id, unit_id, item_key, case_number, purpose, subject_hash, subject_masked, queried_at, recorded_at, previous_hash, record_hash)
     SELECT gen_random_uuid(), '${CITY}', g, account_id, '${agencyId}', unit_id, 'labor-insurance:' || item_code || ':unspecified', 'CASE-' || g, '社會救助', subject_hash, 'A12*****89', queried_at, queried_at, repeat('0', 64), repeat('0', 64)
       FROM (SELECT g, ${shape('register')} FROM generate_series(1, $1::int) g) s`,
    [ROWS, ONLY, accounts, units],
  );
  await db.query(
    `INSERT INTO query_log.bureau_record (city_id, service, record_id, agency_id, account_id, unit_id, user_account, queried_at, item_code, subject_kind, subject_hash, subject_masked, import_job_id)
     SELECT '${CITY}', 'labor-insurance', 'WEBIR-' || g, '${agencyId}', account_id, unit_id, 'user' || (g % 200), queried_at + interval '7 seconds', item_code, 'NATIONAL_ID', subject_hash, 'A12*****89', '${randomUUID()}'
       FROM (SELECT g, ${shape('bureau')} FROM generate_series(1, $1::int) g) s`,
    [ROWS, ONLY, accounts, units],
  );
  await db.query('VACUUM ANALYZE query_log.query_record');
  await db.query('VACUUM ANALYZE query_log.bureau_record');
  console.log(`  generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const app = new pg.Client({ connectionString: db.appUrl('query_log') });
  await app.connect();
  const run = async (sql: string, params: unknown[]) => (await app.query(sql, params)).rows;
  await app.query('BEGIN');
  await app.query(`select set_config('app.city_id', $1, true)`, [CITY]);
  started = performance.now();
  const [{ pairs }] = await run(
    `WITH r AS (SELECT account_id, (queried_at AT TIME ZONE 'Asia/Taipei')::date AS day, split_part(item_key, ':', 2) AS item_code, subject_hash FROM query_log.query_record
                 WHERE city_id = $1 AND agency_id = $2 AND queried_at >= '2026-10-01 00:00+08' AND queried_at < '2026-11-01 00:00+08'),
          b AS (SELECT account_id, (queried_at AT TIME ZONE 'Asia/Taipei')::date AS day, item_code, subject_hash FROM query_log.bureau_record
                 WHERE city_id = $1 AND agency_id = $2 AND queried_at >= '2026-10-01 00:00+08' AND queried_at < '2026-11-01 00:00+08')
     SELECT count(*)::int AS pairs FROM r FULL JOIN b USING (account_id, day, item_code, subject_hash)`,
    [CITY, agencyId],
  );
  const baselineSeconds = (performance.now() - started) / 1000;
  await app.query('COMMIT');

  await app.query('BEGIN');
  await app.query(`select set_config('app.city_id', $1, true)`, [CITY]);
  started = performance.now();
  const counts = await reconcileMonth(run, { runId: randomUUID(), cityId: CITY, agencyId, month: MONTH, createdBy: accounts[0]!, createdAt: new Date() });
  await app.query('COMMIT');
  const seconds = (performance.now() - started) / 1000;
  await app.end();

  console.log(`register ${counts.registerCount.toLocaleString()}, bureau ${counts.bureauCount.toLocaleString()}: matched ${counts.matchedCount.toLocaleString()}, bureau-only ${counts.bureauOnlyCount.toLocaleString()}, register-only ${counts.registerOnlyCount.toLocaleString()}`);
  console.log(`bare full join (baseline)   ${baselineSeconds.toFixed(2)} s   (${pairs.toLocaleString()} pairs)`);
  console.log(`reconciliation              ${seconds.toFixed(2)} s   ratio ${(seconds / baselineSeconds).toFixed(2)} × baseline   (target < 5 s: ${seconds < 5 ? 'met' : 'NOT met'})`);
  if (counts.matchedCount !== ROWS - ONLY || counts.bureauOnlyCount !== ONLY || counts.registerOnlyCount !== ONLY) throw new Error('reconciliation counts are wrong');
} finally {
  await db.drop();
  await cluster?.stop();
  if (dataRoot) rmSync(dataRoot, { recursive: true, force: true });
}
