/**
 * Issue 9, the reporting aggregate: one year of one city with 2,000,000 register entries
 * (BENCH_ROWS to change), counted by agency, unit, item and month — the report's usual question —
 * through the query log's own QueryCountService, as the application role under row-level
 * security (one request transaction with app.city_id); a whole-month period is answered from the
 * monthly roll-up kept by a trigger. Baseline measured in the same run: the bare count of the same
 * year's rows in the register (no grouping). Target: under 300 ms. Best of BENCH_RUNS runs. Also
 * timed: the same question over a period that is not whole months (straight from the register).
 *
 *   pnpm --filter @custos/bench bench:report
 */
// Relative imports: the bench package does not depend on @custos/query-log (as reconcile-bench.ts).
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedCluster } from '../../packages/postgres/src/index';
import { createSubgraphDataSource, RequestScope } from '../../packages/tenancy/src/index';
import { createTestDatabase } from '../../packages/testkit/src/database';
import { migrateQueryLog } from '../../subgraphs/query-log/src/migrations/index';
import { QueryCountService } from '../../subgraphs/query-log/src/reporting/query-counts.service';

const ROWS = Number(process.env.BENCH_ROWS ?? 2_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_MS = 300;
const CITY = 'taoyuan';
const FROM = new Date('2025-01-01T00:00:00+08:00');
const TO = new Date('2026-01-01T00:00:00+08:00');

let cluster: Awaited<ReturnType<typeof startEmbeddedCluster>> | undefined;
let dataRoot: string | undefined;
if (!process.env.DATABASE_URL) {
  dataRoot = mkdtempSync(join(tmpdir(), 'custos-bench-pg-'));
  chmodSync(dataRoot, 0o755);
  cluster = await startEmbeddedCluster({ dataDir: join(dataRoot, 'data'), persistent: false });
  process.env.DATABASE_URL = cluster.adminUrl;
}
const db = await createTestDatabase('bench_report');
let dataSource: Awaited<ReturnType<typeof createSubgraphDataSource>> | undefined;
try {
  await migrateQueryLog(db.ownerUrl);
  const agencies = Array.from({ length: 40 }, () => randomUUID());
  const units = Array.from({ length: 200 }, () => randomUUID());
  console.log(`generating ${ROWS.toLocaleString()} register entries over one year of ${CITY} (plus 10% in another city)…`);
  let started = performance.now();
  // Entry g: agency g % 40, unit (of that agency) g % 200, one of 19 items, spread evenly over the year.
  const insert = (city: string, count: number, offset: number) =>
    db.query(
      `INSERT INTO query_log.query_record (id, city_id, sequence, account_id, agency_id, unit_id, item_key, case_number, purpose, subject_hash, subject_masked, queried_at, recorded_at, previous_hash, record_hash)
       SELECT gen_random_uuid(), $1, g, $2::uuid, ($3::uuid[])[1 + g % 40], ($4::uuid[])[1 + g % 200],
              'labor-insurance:' || (ARRAY['C0101','C0201','C0301','C0302','C0401','F0101','F0201','B0101','B0201','B0301','P0101','P0102','P0201','P0301','N0101','T0101','B0401','P0401','C0402'])[1 + g % 19] || ':unspecified',
              'CASE-' || g, '社會救助', repeat('a', 64), 'A12*****89',
              $5::timestamptz + ((g::bigint * 31536) / $6::bigint) * interval '1000 seconds', now(), repeat('0', 64), repeat('0', 64)
         FROM generate_series($7::int + 1, $7::int + $6::int) g`,
      [city, randomUUID(), agencies, units, FROM, count, offset],
    );
  // Bulk load without the secondary indexes, then build them (as a restore would): same indexes, faster set-up.
  const indexes: Array<{ indexname: string; indexdef: string }> = (
    await db.query(`SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = 'query_log' AND i.tablename = 'query_record'
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`)
  ).rows;
  for (const index of indexes) await db.query(`DROP INDEX query_log.${index.indexname}`);
  // The monthly roll-up is filled once after the load (as the migration back-fills it), not row by row.
  await db.query('ALTER TABLE query_log.query_record DISABLE TRIGGER query_record_count_monthly');
  await insert(CITY, ROWS, 0);
  await insert('tainan', Math.round(ROWS / 10), 0);
  await db.query('ALTER TABLE query_log.query_record ENABLE TRIGGER query_record_count_monthly');
  await db.query(`INSERT INTO query_log.query_count_monthly (city_id, month, agency_id, unit_id, item_key, n)
    SELECT city_id, date_trunc('month', queried_at AT TIME ZONE 'Asia/Taipei')::date, agency_id, unit_id, item_key, count(*) FROM query_log.query_record GROUP BY 1, 2, 3, 4, 5`);
  await db.query('VACUUM ANALYZE query_log.query_count_monthly');
  for (const index of indexes) await db.query(index.indexdef);
  await db.query('VACUUM ANALYZE query_log.query_record');
  console.log(`  generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  dataSource = await createSubgraphDataSource({ url: db.appUrl('query_log'), schema: 'query_log', entities: [], poolSize: 2 });
  const counts = new QueryCountService();
  const timeIt = async (work: (scope: RequestScope) => Promise<unknown>) => {
    let best = Number.POSITIVE_INFINITY;
    let result: unknown;
    for (let run = 0; run < RUNS; run++) {
      const scope = new RequestScope(dataSource!);
      const begin = performance.now();
      result = await work(scope);
      await scope.finish('commit');
      best = Math.min(best, performance.now() - begin);
    }
    return { best, result };
  };

  const baseline = await timeIt(async (scope) => {
    const manager = await scope.manager(CITY);
    return (await manager.query(`SELECT count(*)::int AS n FROM query_log.query_record WHERE city_id = $1 AND queried_at >= $2 AND queried_at < $3`, [CITY, FROM, TO]))[0].n;
  });
  const aggregate = await timeIt((scope) => counts.forCity(scope, CITY, { groupBy: ['AGENCY', 'UNIT', 'ITEM', 'MONTH'], from: FROM, to: TO }));
  const rows = aggregate.result as Array<{ count: number }>;
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  if (total !== baseline.result) throw new Error(`the aggregate counted ${total}, the baseline ${baseline.result}`);
  const byMonth = await timeIt((scope) => counts.forCity(scope, CITY, { groupBy: ['MONTH'], from: FROM, to: TO }));
  const raw = await timeIt((scope) => counts.forCity(scope, CITY, { groupBy: ['AGENCY', 'UNIT', 'ITEM', 'MONTH'], from: new Date(FROM.getTime() + 1000), to: TO }));

  console.log(`\nreport aggregate, one year of ${CITY}: ${ROWS.toLocaleString()} entries (best of ${RUNS})`);
  console.log(`  baseline (bare count of the year's rows):     ${baseline.best.toFixed(1)} ms`);
  console.log(`  by agency × unit × item × month (${rows.length.toLocaleString()} groups): ${aggregate.best.toFixed(1)} ms  — ${(aggregate.best / baseline.best).toFixed(2)}× the baseline`);
  console.log(`  by month (12 groups):                          ${byMonth.best.toFixed(1)} ms  — ${(byMonth.best / baseline.best).toFixed(2)}× the baseline`);
  console.log(`  the same, period not whole months (register):   ${raw.best.toFixed(1)} ms  — ${(raw.best / baseline.best).toFixed(2)}× the baseline`);
  console.log(`  target: under ${TARGET_MS} ms → ${aggregate.best < TARGET_MS ? 'met' : 'NOT met'}`);
} finally {
  await dataSource?.destroy();
  await db.drop();
  await cluster?.stop();
  if (dataRoot) rmSync(dataRoot, { recursive: true, force: true });
}
