/**
 * Audit sampling: drawing an audit's sample (Changhua 8(一), Tainan 8(一)) from a query register of
 * 10 million records, through the audit subgraph's own code path — `drawAuditSample` (what the
 * drawAuditSample mutation runs) as the custos_audit role under row-level security: count the strata, then one statement that hashes the
 * population and picks the sample by the current draw method (hash64-register-order: a seeded 64-bit hash
 * of each id; SHA-256 of the ids in register order), and stores it.
 *
 * Baseline, measured in the same run: `count(*)` over the same population through the same view, role
 * and transaction. Also measured, for comparison: the same draw by the earlier method (md5-sorted-ids:
 * md5 of each id as text; SHA-256 of the sorted ids), which audits drawn before it are still verified
 * by. Prints seconds (median of 3) and the ratio draw/baseline; the target is a draw under one second.
 *
 * Run: `pnpm --filter @custos/bench exec tsx src/sampling-bench.ts` (BENCH_RECORDS=1000000 for a quick run).
 * The generated register is kept in the database `custos_bench_sampling_<records>` (in an embedded
 * cluster under .custos/bench-sampling-pgdata unless DATABASE_URL is set) and reused by later runs; the
 * first run spends several minutes generating it.
 */
import { loadOrCreateSecrets, prepareDatabase, REPO_ROOT } from '@custos/platform';
import { createHash, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedCluster } from '../../packages/postgres/src/index';
import { createSubgraphDataSource } from '../../packages/tenancy/src/index';
import { countStrata, drawSample } from '../../subgraphs/audit/src/audits/audit-draw';
import { drawMethod } from '../../subgraphs/audit/src/audits/draw-method';
import { drawAuditSample, quotaFor } from '../../subgraphs/audit/src/audits/draw-audit-sample.command';
import { ensureQueryLogContract } from '../../subgraphs/audit/src/testing/query-log-contract';

type DataSource = Awaited<ReturnType<typeof createSubgraphDataSource>>;
type EntityManager = Parameters<typeof drawAuditSample>[0];

const RECORDS = Number(process.env.BENCH_RECORDS ?? 10_000_000);
const RUNS = 3;
const TARGET_SECONDS = 1;
const CHUNK = 1_000_000;

/** How the register is spread: generous volumes, far above real ones (a county's half-year is thousands of queries). */
const CITIES = [
  { cityId: 'changhua', share: 0.4, from: '2022-01-01', to: '2026-01-01' },
  { cityId: 'tainan', share: 0.3, from: '2022-01-01', to: '2026-01-01' },
  { cityId: 'taoyuan', share: 0.2, from: '2022-01-01', to: '2026-01-01' },
  { cityId: 'taipei', share: 0.1, from: '2017-01-01', to: '2021-01-01' },
];
const ITEMS = ['labor-insurance:F0201:unspecified', 'labor-insurance:C0101:unspecified', 'labor-insurance:B0101:unspecified', 'health-insurance:C0101:national-id', 'health-insurance:C0201:national-id+premium-month'];

const CASES: Array<{ label: string; cityId: string; periodStart: string; periodEnd: string; stratifyBy: Array<'unit' | 'item'>; agency?: number }> = [
  { label: 'Changhua half-year, one agency (10%, max 100)', cityId: 'changhua', periodStart: '2025-01-01', periodEnd: '2025-06-30', stratifyBy: [], agency: 7 },
  { label: 'Tainan month, one agency (3%, min 10)', cityId: 'tainan', periodStart: '2025-03-01', periodEnd: '2025-03-31', stratifyBy: [], agency: 7 },
  { label: 'Changhua half-year (10%, max 100)', cityId: 'changhua', periodStart: '2025-01-01', periodEnd: '2025-06-30', stratifyBy: [] as Array<'unit' | 'item'> },
  { label: 'Changhua half-year, stratified by unit × item', cityId: 'changhua', periodStart: '2025-01-01', periodEnd: '2025-06-30', stratifyBy: ['unit', 'item'] as Array<'unit' | 'item'> },
  { label: 'Tainan month (3%, min 10)', cityId: 'tainan', periodStart: '2025-03-01', periodEnd: '2025-03-31', stratifyBy: [] as Array<'unit' | 'item'> },
];

/** The generator's agency ids: md5('<city>:agency:<n>'). */
const agencyId = (cityId: string, n: number) => createHash('md5').update(`${cityId}:agency:${n}`).digest('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Generates the register once (as the owner), loading without the secondary indexes and rebuilding them after. */
async function ensureRegister(ownerUrl: string): Promise<void> {
  await withClient(ownerUrl, async (client) => {
    await client.query(`CREATE TABLE IF NOT EXISTS public.bench_sampling_dataset (records bigint NOT NULL, generated_at timestamptz NOT NULL DEFAULT now())`);
    const done = (await client.query(`select records from public.bench_sampling_dataset`)).rows[0];
    if (done) {
      console.log(`register: ${Number(done.records).toLocaleString('en')} records (generated earlier, reused)`);
      return;
    }
    const existing = Number((await client.query(`select count(*) from query_log.query_record`)).rows[0].count);
    if (existing > 0) throw new Error(`query_log.query_record holds ${existing} rows but no finished dataset: drop the database and run again`);
    console.log(`generating a register of ${RECORDS.toLocaleString('en')} records (once; kept for later runs)…`);
    const started = performance.now();
    await client.query(`SET maintenance_work_mem = '512MB'`);
    const secondary = (
      await client.query(
        `select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as definition from pg_index i
          where indrelid = 'query_log.query_record'::regclass and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
      )
    ).rows as Array<{ name: string; definition: string }>;
    // Keys too, when nothing references them: a key built once after the load is far faster than 10 million random inserts.
    const referenced = Number((await client.query(`select count(*) from pg_constraint where confrelid = 'query_log.query_record'::regclass`)).rows[0].count) > 0;
    const keys = referenced
      ? []
      : ((
          await client.query(
            `select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint where conrelid = 'query_log.query_record'::regclass and contype in ('p', 'u')`,
          )
        ).rows as Array<{ name: string; definition: string }>);
    for (const index of secondary) await client.query(`DROP INDEX ${index.name}`);
    for (const key of keys) await client.query(`ALTER TABLE query_log.query_record DROP CONSTRAINT ${key.name}`);
    // The monthly roll-up's per-row trigger would make the load many times slower; this database only ever
    // answers sample draws, never counts, so the roll-up is left out of it (bench:report builds its own).
    await client.query('ALTER TABLE query_log.query_record DISABLE TRIGGER query_record_count_monthly');
    const zero = '0'.repeat(64);
    for (const city of CITIES) {
      const count = Math.round(RECORDS * city.share);
      const span = Date.parse(`${city.from}T00:00:00+08:00`);
      const stepMs = (Date.parse(`${city.to}T00:00:00+08:00`) - span) / count;
      for (let from = 1; from <= count; from += CHUNK) {
        const to = Math.min(count, from + CHUNK - 1);
        await client.query(
          `INSERT INTO query_log.query_record (id, city_id, sequence, account_id, agency_id, unit_id, item_key, case_number, purpose, subject_hash, subject_masked, queried_at, previous_hash, record_hash)
           SELECT gen_random_uuid(), $1, g,
                  md5($1 || ':account:' || (g % 2000))::uuid, md5($1 || ':agency:' || (g % 20))::uuid, md5($1 || ':unit:' || (g % 60))::uuid,
                  ($2::text[])[1 + (g % 5)], 'B-' || g, 'benchmark', md5(g::text) || md5((g + 1)::text), 'A12*****89',
                  to_timestamp($5::float8 / 1000) + make_interval(secs => (g - 1) * $6::float8 / 1000), $7, $7
             FROM generate_series($3::bigint, $4::bigint) g`,
          [city.cityId, ITEMS, from, to, span, stepMs, zero],
        );
        process.stdout.write(`  ${city.cityId}: ${to.toLocaleString('en')} / ${count.toLocaleString('en')}\r`);
      }
      process.stdout.write('\n');
    }
    await client.query('ALTER TABLE query_log.query_record ENABLE TRIGGER query_record_count_monthly');
    for (const key of keys) await client.query(`ALTER TABLE query_log.query_record ADD CONSTRAINT ${key.name} ${key.definition}`);
    for (const index of secondary) await client.query(index.definition);
    await client.query(`VACUUM (ANALYZE) query_log.query_record`);
    await client.query(`INSERT INTO public.bench_sampling_dataset (records) VALUES ($1)`, [RECORDS]);
    console.log(`generated in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  });
}

/**
 * The draw reads only id, city_id, queried_at, agency_id, unit_id and item_key of the population; the
 * query-log migrations' period index (query_record_period_cover_idx) INCLUDEs them, so PostgreSQL answers
 * from the index alone. An index this bench once added on its own (before the migration had it) is dropped.
 */
async function ensureCoveringIndex(ownerUrl: string): Promise<void> {
  await withClient(ownerUrl, async (client) => {
    await client.query('DROP INDEX IF EXISTS query_log.query_record_sampling_cover_idx');
    const found = (
      await client.query(
        `select indexrelid::regclass::text as name from pg_index i
          where indrelid = 'query_log.query_record'::regclass
            and pg_get_indexdef(indexrelid) ~ '\\(city_id, queried_at( DESC)?\\) INCLUDE \\(id, agency_id, unit_id, item_key'`,
      )
    ).rows;
    if (!found.length) throw new Error('the query-log migrations should provide a covering period index (query_record_period_cover_idx)');
    console.log(`covering index: ${found[0].name} (from the migrations)`);
    await client.query(`VACUUM (ANALYZE) query_log.query_record`);
  });
}

/** One transaction as the audit role with the city set, rolled back afterwards so every run draws afresh. */
async function timedInCity<T>(dataSource: DataSource, cityId: string, work: (manager: EntityManager) => Promise<T>): Promise<{ seconds: number; value: T }> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction('READ COMMITTED');
    await runner.query(`select set_config('app.city_id', $1, true)`, [cityId]);
    const started = performance.now();
    const value = await work(runner.manager);
    const seconds = (performance.now() - started) / 1000;
    await runner.rollbackTransaction();
    return { seconds, value };
  } finally {
    await runner.release();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const secrets = await loadOrCreateSecrets(join(REPO_ROOT, '.custos'));
const cluster = process.env.DATABASE_URL ? undefined : await startEmbeddedCluster({ dataDir: join(REPO_ROOT, '.custos/bench-sampling-pgdata'), persistent: true });
let dataSource: DataSource | undefined;
try {
  const database = await prepareDatabase({
    serverUrl: process.env.DATABASE_URL ?? cluster!.adminUrl,
    databaseName: `custos_bench_sampling_${RECORDS}`,
    appRolePassword: secrets.appRolePassword,
  });
  await ensureQueryLogContract({ ownerUrl: database.ownerUrl, query: (sql: string, params?: unknown[]) => withClient(database.ownerUrl, (client) => client.query(sql, params)) });
  await ensureRegister(database.ownerUrl);
  await ensureCoveringIndex(database.ownerUrl);
  dataSource = await createSubgraphDataSource({ url: database.appUrl('audit'), schema: 'audit', entities: [], poolSize: 1 });
  console.log(`\nload average at start: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (this machine has 2 cores; other work running inflates every figure)`);
  console.log(
    `\n${'case'.padEnd(48)} ${'population'.padStart(10)} ${'sample'.padStart(7)} ${'count(*) s'.padStart(10)} ${'draw s'.padStart(8)} ${'ratio'.padStart(6)}  ${'target'.padEnd(9)} ${'md5 s'.padStart(7)} ${'ratio'.padStart(6)}`,
  );
  let allFast = true;
  for (const c of CASES) {
    const agency = c.agency === undefined ? null : agencyId(c.cityId, c.agency);
    const scope = `query_log.sampling_population WHERE city_id = $1 AND queried_at >= $2 AND queried_at < $3${agency ? ' AND agency_id = $4' : ''}`;
    const countArgs: unknown[] = [c.cityId, new Date(`${c.periodStart}T00:00:00+08:00`), new Date(new Date(`${c.periodEnd}T00:00:00+08:00`).getTime() + 86_400_000)];
    if (agency) countArgs.push(agency);
    await timedInCity(dataSource, c.cityId, (m) => m.query(`SELECT count(*) FROM ${scope}`, countArgs)); // warm up
    const baseline: number[] = [];
    const draws: number[] = [];
    const earlier: number[] = [];
    let population = 0;
    let sample = 0;
    for (let run = 0; run < RUNS; run++) {
      const counted = await timedInCity(dataSource, c.cityId, (m) => m.query(`SELECT count(*)::int AS n FROM ${scope}`, countArgs) as Promise<Array<{ n: number }>>);
      baseline.push(counted.seconds);
      population = counted.value[0]!.n;
      const principal = { kind: 'account' as const, accountId: randomUUID(), personId: randomUUID(), cityId: c.cityId, agencyId: randomUUID(), roles: ['AUDITOR' as const] };
      const drawn = await timedInCity(dataSource, c.cityId, (m) =>
        drawAuditSample(m, c.cityId, principal, { periodStart: c.periodStart, periodEnd: c.periodEnd, stratifyBy: c.stratifyBy, agencyId: agency }, '2026-01-01'),
      );
      draws.push(drawn.seconds);
      if (drawn.value.populationCount !== population) throw new Error(`population ${drawn.value.populationCount} ≠ count ${population}`);
      sample = drawn.value.sampleSize;
      // The earlier method's draw of the same audit (counted the same way, not stored).
      const md5 = await timedInCity(dataSource, c.cityId, async (m) => {
        const populationScope = { cityId: c.cityId, periodStart: c.periodStart, periodEnd: c.periodEnd, agencyId: agency };
        const strata = await countStrata(m, populationScope, c.stratifyBy);
        const { quota } = quotaFor(drawn.value.samplingRule, strata, c.stratifyBy.length > 0);
        return drawSample(m, populationScope, c.stratifyBy, { method: 'md5-sorted-ids', seed: drawMethod('md5-sorted-ids').newSeed() }, quota, strata);
      });
      if (md5.value.records.length !== sample) throw new Error(`the earlier method drew ${md5.value.records.length} ≠ ${sample}`);
      earlier.push(md5.seconds);
    }
    const [b, d, e] = [median(baseline), median(draws), median(earlier)];
    allFast &&= d < TARGET_SECONDS;
    console.log(
      `${c.label.padEnd(48)} ${population.toLocaleString('en').padStart(10)} ${String(sample).padStart(7)} ${b.toFixed(3).padStart(10)} ${d.toFixed(3).padStart(8)} ${(d / b).toFixed(1).padStart(6)}  ${(d < TARGET_SECONDS ? 'under 1 s' : 'OVER 1 s').padEnd(9)} ${e.toFixed(3).padStart(7)} ${(e / b).toFixed(1).padStart(6)}`,
    );
  }
  console.log(`load average at end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`\nregister ${RECORDS.toLocaleString('en')} records; every draw ${allFast ? 'under' : 'NOT under'} ${TARGET_SECONDS} s (median of ${RUNS}, each in its own rolled-back transaction)`);
} finally {
  await dataSource?.destroy();
  await cluster?.stop();
}
