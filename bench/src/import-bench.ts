/**
 * Bureau records import: a generated CSV of realistic shape (default 1,000,000 rows, BENCH_ROWS to
 * change) imported as the query log imports it — streamed, checked row by row, subjects hashed,
 * COPY into staging, one set-based insert — against PostgreSQL's own COPY of the same rows into a
 * table of the same shape, measured in the same run. Prints rows/s and the ratio. Then imports the
 * same file again (idempotent: adds nothing). Target: at least 100,000 rows/s.
 *
 *   pnpm --filter @custos/bench exec tsx src/import-bench.ts
 */
// Relative imports: the bench package does not depend on @custos/query-log (see the report).
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { startEmbeddedCluster } from '../../packages/postgres/src/index';
import { createTestDatabase } from '../../packages/testkit/src/database';
import { migrateQueryLog } from '../../subgraphs/query-log/src/migrations/index';
import { importBureauRecords } from '../../subgraphs/query-log/src/bureau/bureau-import';
import { SubjectHasher, maskSubject } from '../../subgraphs/query-log/src/identifiers/subject';
import { bureauCsvChunks, copyTextInto, generateQueries, taiwanDateTime, validNationalIds } from '../../subgraphs/query-log/src/testing/bench-data';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const CITY = 'taoyuan';

let cluster: Awaited<ReturnType<typeof startEmbeddedCluster>> | undefined;
let dataRoot: string | undefined;
if (!process.env.DATABASE_URL) {
  dataRoot = mkdtempSync(join(tmpdir(), 'custos-bench-pg-'));
  chmodSync(dataRoot, 0o755);
  cluster = await startEmbeddedCluster({ dataDir: join(dataRoot, 'data'), persistent: false });
  process.env.DATABASE_URL = cluster.adminUrl;
}
const db = await createTestDatabase('bench_import');
try {
  await migrateQueryLog(db.ownerUrl);
  const hasher = new SubjectHasher({ [CITY]: randomBytes(32).toString('base64url') });
  const users = Array.from({ length: 200 }, (_, index) => `${CITY}.user${index}`);
  const directory = users.map((username) => ({ id: randomUUID(), username, agencyId: randomUUID(), unitId: randomUUID() }));
  const subjects = validNationalIds(50_000);
  console.log(`generating ${ROWS.toLocaleString()} bureau records…`);
  const queries = generateQueries(ROWS, { users, subjects, month: '2026-10' });
  const csv = bureauCsvChunks(queries);
  const csvBytes = csv.reduce((total, chunk) => total + chunk.length, 0);

  // Baseline: PostgreSQL's own COPY of the same rows, already in COPY text form, into a table of the same shape.
  const baselineText: string[] = [];
  let text = '';
  const jobId = randomUUID();
  const agencyId = randomUUID();
  for (const query of queries) {
    const subject = { kind: 'NATIONAL_ID' as const, value: query.subject };
    text += `${CITY}\tlabor-insurance\t${query.recordId}\t${agencyId}\t\\N\t\\N\t${query.username}\t${taiwanDateTime(query.queriedAt)}+08\t${query.itemCode}\tNATIONAL_ID\t${hasher.hash(CITY, subject)}\t${maskSubject(subject)}\t${jobId}\n`;
    if (text.length >= 256 * 1024) {
      baselineText.push(text);
      text = '';
    }
  }
  if (text) baselineText.push(text);
  await db.query('CREATE TABLE query_log.bench_plain_copy (LIKE query_log.bureau_record INCLUDING ALL)');

  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  let started = performance.now();
  await copyTextInto(owner, 'COPY query_log.bench_plain_copy FROM STDIN', baselineText);
  const baselineSeconds = (performance.now() - started) / 1000;
  await owner.end();

  const app = new pg.Client({ connectionString: db.appUrl('query_log') });
  await app.connect();
  const runImport = async () => {
    await app.query('BEGIN');
    await app.query(`select set_config('app.city_id', $1, true)`, [CITY]);
    const phases: string[] = [];
    const begun = performance.now();
    const outcome = await importBureauRecords(app, Readable.from(csv), {
      cityId: CITY, agencyId, jobId: randomUUID(), hasher, directory, now: new Date('2026-11-25T00:00:00Z'),
      onProgress: (progress) => {
        if (progress.phase !== 'READING' && !phases.some((phase) => phase.startsWith(progress.phase))) phases.push(`${progress.phase} from ${((performance.now() - begun) / 1000).toFixed(2)} s`);
      },
    });
    console.log(`  phases: reading/COPY from 0 s, ${phases.join(', ')}`);
    await app.query('COMMIT');
    return outcome;
  };
  started = performance.now();
  const first = await runImport();
  const importSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const again = await runImport();
  const againSeconds = (performance.now() - started) / 1000;
  await app.end();

  const importRate = ROWS / importSeconds;
  const baselineRate = ROWS / baselineSeconds;
  console.log(`file: ${ROWS.toLocaleString()} rows, ${(csvBytes / 1e6).toFixed(1)} MB`);
  console.log(`plain COPY (baseline)     ${baselineSeconds.toFixed(2)} s   ${Math.round(baselineRate).toLocaleString().padStart(9)} rows/s`);
  console.log(`bureau import             ${importSeconds.toFixed(2)} s   ${Math.round(importRate).toLocaleString().padStart(9)} rows/s   inserted ${first.rowsInserted.toLocaleString()}`);
  console.log(`same file again           ${againSeconds.toFixed(2)} s   ${Math.round(ROWS / againSeconds).toLocaleString().padStart(9)} rows/s   inserted ${again.rowsInserted}, duplicates ${again.rowsDuplicate.toLocaleString()}`);
  console.log(`ratio import / plain COPY ${(importRate / baselineRate).toFixed(2)}   (target ≥ 100,000 rows/s: ${importRate >= 100_000 ? 'met' : 'NOT met'})`);
  if (first.rowsInserted !== ROWS || again.rowsInserted !== 0) throw new Error('import counts are wrong');
} finally {
  await db.drop();
  await cluster?.stop();
  if (dataRoot) rmSync(dataRoot, { recursive: true, force: true });
}
