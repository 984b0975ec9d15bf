import { createTestDatabase, type TestDatabase } from '@custos/testkit';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateQueryLog } from './index';

let db: TestDatabase;
let owner: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase('querylog_sampling');
  await migrateQueryLog(db.ownerUrl);
  owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
});

afterAll(async () => {
  await owner?.end();
  await db?.drop();
});

describe('the sampling covering index', () => {
  it('answers an agency’s sample draw for a period from the index alone', async () => {
    // A register of two agencies over a year (written as the owner: the chain's links do not matter to the planner).
    const agency = randomUUID();
    await owner.query(
      `INSERT INTO query_log.query_record (id, city_id, sequence, account_id, agency_id, unit_id, item_key, case_number, purpose, subject_hash, subject_masked,
                                          queried_at, recorded_at, previous_hash, record_hash, subject_kind)
       SELECT gen_random_uuid(), 'taoyuan', n, gen_random_uuid(), CASE WHEN n % 2 = 0 THEN $1::uuid ELSE gen_random_uuid() END, gen_random_uuid(),
              'labor-insurance:C0101:unspecified', 'C-' || n, '社會救助', encode(sha256(convert_to(n::text, 'UTF8')), 'hex'), 'A12*****89',
              timestamptz '2026-01-01 00:00:00+08' + n * interval '15 minutes', now(), encode(sha256(convert_to((n - 1)::text, 'UTF8')), 'hex'), encode(sha256(convert_to(n::text, 'UTF8')), 'hex'), 'NATIONAL_ID'
         FROM generate_series(1, 30000) AS n`,
      [agency],
    );
    await owner.query('VACUUM ANALYZE query_log.query_record');
    // The shape of the audit subgraph's draw (audit-draw.ts): stratum and seeded key from id, unit and item only.
    // Bitmap scans off: whether the visibility map is already all-visible depends on other suites' open snapshots on
    // the shared server, which can tip the planner to a bitmap scan of the older index; the covering index must serve
    // the draw either way.
    await owner.query('BEGIN');
    await owner.query('SET LOCAL enable_bitmapscan = off');
    const plan = await owner.query(
      `EXPLAIN SELECT id, 'unit:' || coalesce(unit_id::text, 'none') || '|' || 'item:' || item_key AS stratum, md5('seed' || id::text) AS draw_key
         FROM query_log.sampling_population
        WHERE city_id = 'taoyuan' AND queried_at >= '2026-03-01T00:00:00+08:00' AND queried_at < '2026-04-01T00:00:00+08:00' AND agency_id = '${agency}'`,
    );
    await owner.query('COMMIT');
    const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Index (Only )?Scan using query_record_sampling_idx/);
  });

  it('answers a city-wide draw of a period from the period index alone', async () => {
    await owner.query('BEGIN');
    await owner.query('SET LOCAL enable_bitmapscan = off');
    const plan = await owner.query(
      `EXPLAIN SELECT id, 'unit:' || coalesce(unit_id::text, 'none') || '|' || 'item:' || item_key AS stratum, md5('seed' || id::text) AS draw_key
         FROM query_log.sampling_population
        WHERE city_id = 'taoyuan' AND queried_at >= '2026-03-01T00:00:00+08:00' AND queried_at < '2026-04-01T00:00:00+08:00'`,
    );
    await owner.query('COMMIT');
    const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Index Only Scan using query_record_period_cover_idx/);
  });
});
