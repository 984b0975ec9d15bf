import type { EntityManager } from 'typeorm';
import { startOfTaiwanDay, addDays } from '../shared/dates';
import type { StratumDimension } from './audit.entity';
import { stratumQuotas, type StratumCount, type StratumQuota } from './stratification';

/**
 * The population of an audit: the query records of one city (and optionally one agency or unit) made in
 * the period, read from `query_log.sampling_population` — a security_invoker view the query-log subgraph
 * grants to custos_audit, so the register's own row-level security applies. Columns used:
 * id, city_id, queried_at, account_id, agency_id, unit_id, item_key, sequence.
 */
export const POPULATION_VIEW = 'query_log.sampling_population';

export interface PopulationScope {
  cityId: string;
  periodStart: string;
  periodEnd: string;
  agencyId?: string | null;
  unitId?: string | null;
}

/** A sampled record as drawn. */
export interface DrawnRecord {
  position: number;
  id: string;
  sequence: string;
  queried_at: string;
  account_id: string;
  agency_id: string;
  unit_id: string | null;
  item_key: string;
  stratum: string;
  draw_key: string;
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function populationWhere(scope: PopulationScope, params: Params): string {
  const conditions = [
    `city_id = ${params.add(scope.cityId)}`,
    `queried_at >= ${params.add(startOfTaiwanDay(scope.periodStart))}`,
    `queried_at < ${params.add(startOfTaiwanDay(addDays(scope.periodEnd, 1)))}`,
  ];
  if (scope.agencyId) conditions.push(`agency_id = ${params.add(scope.agencyId)}`);
  if (scope.unitId) conditions.push(`unit_id = ${params.add(scope.unitId)}`);
  return conditions.join(' AND ');
}

/** The stratum key of a record, e.g. `unit:<uuid>|item:labor-insurance:F0201:unspecified`; '' when not stratified. */
function stratumSql(stratifyBy: readonly StratumDimension[]): string {
  const parts: string[] = [];
  if (stratifyBy.includes('unit')) parts.push(`'unit:' || coalesce(unit_id::text, 'none')`);
  if (stratifyBy.includes('item')) parts.push(`'item:' || item_key`);
  return parts.length ? parts.join(` || '|' || `) : `''`;
}

/** How many records each stratum holds (one stratum '' when not stratified). */
export async function countStrata(manager: EntityManager, scope: PopulationScope, stratifyBy: readonly StratumDimension[]): Promise<StratumCount[]> {
  const params = new Params();
  const rows: Array<{ stratum: string; count: number }> = await manager.query(
    `SELECT ${stratumSql(stratifyBy)} AS stratum, count(*)::int AS count FROM ${POPULATION_VIEW} WHERE ${populationWhere(scope, params)} GROUP BY 1 ORDER BY 1`,
    params.values,
  );
  return rows;
}

/**
 * The draw, as one SQL statement so that the population's count, its hash and the sample come from one
 * snapshot:
 * - population hash: SHA-256 of the ids in ascending order, each as lowercase text followed by a newline
 *   (`LC_ALL=C sort ids.txt | sha256sum` gives the same value);
 * - selection: records ordered by the keyed hash md5(seed || id) — reproducible by anyone holding the seed
 *   and the population — and the first `k` taken, per stratum when stratified.
 * The scans over the population read only id, city_id, queried_at, agency_id, unit_id and item_key, so an
 * index on (city_id, queried_at) INCLUDE (id, agency_id, unit_id, item_key) answers them without the table;
 * only the `k` drawn records are read in full. `quota` maps stratum → k.
 */
function drawStatement(scope: PopulationScope, stratifyBy: readonly StratumDimension[], seed: string, quota: Map<string, StratumQuota>) {
  const params = new Params();
  const where = populationWhere(scope, params);
  const seedParam = params.add(seed);
  // COLLATE "C": the hex keys and stratum names order by their bytes whatever the database's locale, so a
  // draw is reproduced exactly on any server.
  const candidates = `SELECT id, ${stratumSql(stratifyBy)} COLLATE "C" AS stratum, md5(${seedParam} || id::text) COLLATE "C" AS draw_key FROM ${POPULATION_VIEW} WHERE ${where}`;
  let picked: string;
  if (stratifyBy.length === 0) {
    // Top-k by key: a bounded heap, no full sort of the population.
    const k = params.add(quota.get('')?.k ?? 0);
    picked = `SELECT top.id, top.stratum, top.draw_key, row_number() OVER (ORDER BY top.draw_key, top.id)::int AS position
                FROM (SELECT * FROM (${candidates}) c ORDER BY c.draw_key, c.id LIMIT ${k}) top`;
  } else {
    const strata = params.add([...quota.keys()]);
    const ks = params.add([...quota.values()].map((q) => q.k));
    // Keys are uniform, so only records whose key is below a stratum's cut-off can be among its first k: the
    // ranking then sorts a few rows per stratum instead of the whole population. A cut-off that lets through
    // too few is caught by the caller, which draws again without it (cutoff 'g' sorts after every hex key).
    const cutoffs = params.add([...quota.values()].map((q) => q.cutoff));
    picked = `SELECT ranked.id, ranked.stratum, ranked.draw_key, row_number() OVER (ORDER BY ranked.stratum, ranked.rank)::int AS position
                FROM (SELECT c.*, quota.k, row_number() OVER (PARTITION BY c.stratum ORDER BY c.draw_key, c.id) AS rank
                        FROM (${candidates}) c
                        JOIN unnest(${strata}::text[], ${ks}::int[], ${cutoffs}::text[]) AS quota(stratum, k, cutoff) ON quota.stratum = c.stratum COLLATE "C"
                       WHERE c.draw_key < quota.cutoff COLLATE "C") ranked
               WHERE ranked.rank <= ranked.k`;
  }
  const drawn = `SELECT picked.position, record.id, record.sequence, record.queried_at, record.account_id, record.agency_id, record.unit_id, record.item_key,
                        picked.stratum, picked.draw_key
                   FROM (${picked}) picked JOIN ${POPULATION_VIEW} record ON record.id = picked.id AND record.city_id = ${params.add(scope.cityId)}`;
  const stats = `SELECT count(*)::int AS population_count,
                        encode(sha256(convert_to(coalesce(string_agg(id::text || chr(10), '' ORDER BY id), ''), 'UTF8')), 'hex') AS population_hash
                   FROM ${POPULATION_VIEW} WHERE ${where}`;
  return { params, stats, drawn };
}

export interface DrawResult {
  populationCount: number;
  populationHash: string;
  records: DrawnRecord[];
}

/**
 * Draws without storing. `allocation` maps stratum → k ('' when not stratified); `strata` are the strata's sizes.
 * If a stratum's cut-off let through fewer than k records (rare), the draw is made again without cut-offs.
 */
export async function drawSample(
  manager: EntityManager,
  scope: PopulationScope,
  stratifyBy: readonly StratumDimension[],
  seed: string,
  allocation: Map<string, number>,
  strata: readonly StratumCount[],
): Promise<DrawResult> {
  const once = async (quota: Map<string, StratumQuota>): Promise<DrawResult> => {
    const { params, stats, drawn } = drawStatement(scope, stratifyBy, seed, quota);
    const [row]: Array<{ population_count: number; population_hash: string; records: DrawnRecord[] }> = await manager.query(
      `WITH stats AS (${stats}), drawn AS (${drawn})
       SELECT stats.population_count, stats.population_hash,
              coalesce((SELECT json_agg(drawn ORDER BY position) FROM drawn), '[]'::json) AS records
         FROM stats`,
      params.values,
    );
    return { populationCount: row!.population_count, populationHash: row!.population_hash, records: row!.records };
  };
  const result = await once(stratumQuotas(allocation, strata));
  const drawnPer = new Map<string, number>();
  for (const record of result.records) drawnPer.set(record.stratum, (drawnPer.get(record.stratum) ?? 0) + 1);
  const short = [...allocation].some(([stratum, k]) => (drawnPer.get(stratum) ?? 0) < k);
  return short ? once(stratumQuotas(allocation, strata, true)) : result;
}

/**
 * Draws and stores the sample of audit `auditId`, but only if the population still has `expectedCount`
 * records (the size was computed from that count); otherwise stores nothing and the caller draws again.
 * The draw is a read-only statement (so PostgreSQL may scan in parallel); the drawn records are then
 * stored as drawn.
 */
export async function drawAndStoreSample(
  manager: EntityManager,
  auditId: string,
  scope: PopulationScope,
  stratifyBy: readonly StratumDimension[],
  seed: string,
  allocation: Map<string, number>,
  strata: readonly StratumCount[],
  expectedCount: number,
): Promise<{ populationCount: number; populationHash: string; stored: number }> {
  // Sorting the population's ids for its hash fits in memory (36 bytes an id); the default 4 MB spills to disk.
  await manager.query(`SELECT set_config('work_mem', '128MB', true)`);
  const drawn = await drawSample(manager, scope, stratifyBy, seed, allocation, strata);
  if (drawn.populationCount !== expectedCount) return { populationCount: drawn.populationCount, populationHash: drawn.populationHash, stored: 0 };
  const [row]: Array<{ stored: number }> = await manager.query(
    `WITH stored AS (
       INSERT INTO audit.audit_sample (audit_id, city_id, position, query_record_id, sequence, queried_at, account_id, agency_id, unit_id, item_key, stratum, draw_key)
       SELECT $1, $2, r.position, r.id, r.sequence, r.queried_at, r.account_id, r.agency_id, r.unit_id, r.item_key, nullif(r.stratum, ''), r.draw_key
         FROM jsonb_to_recordset($3::jsonb) AS r(position int, id uuid, sequence bigint, queried_at timestamptz, account_id uuid, agency_id uuid, unit_id uuid,
              item_key text, stratum text, draw_key text)
       RETURNING 1)
     SELECT count(*)::int AS stored FROM stored`,
    [auditId, scope.cityId, JSON.stringify(drawn.records)],
  );
  return { populationCount: drawn.populationCount, populationHash: drawn.populationHash, stored: row!.stored };
}
