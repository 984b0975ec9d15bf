import type { EntityManager } from 'typeorm';
import { startOfTaiwanDay, addDays } from '../shared/dates';
import type { StratumDimension } from './audit.entity';
import { drawMethod, type DrawMethod, type DrawMethodId } from './draw-method';
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

/** A unit's stand-in when records without a unit form a stratum of their own (no real unit has the nil id). */
const NO_UNIT = `'00000000-0000-0000-0000-000000000000'::uuid`;

/** The stratum key of a record, e.g. `unit:<uuid>|item:labor-insurance:F0201:unspecified`; '' when not stratified. */
function stratumSql(stratifyBy: readonly StratumDimension[]): string {
  const parts: string[] = [];
  if (stratifyBy.includes('unit')) parts.push(`'unit:' || coalesce(unit_id::text, 'none')`);
  if (stratifyBy.includes('item')) parts.push(`'item:' || item_key`);
  return parts.length ? parts.join(` || '|' || `) : `''`;
}

/** The columns the strata are made of. */
function stratumColumns(stratifyBy: readonly StratumDimension[]): string[] {
  return [...(stratifyBy.includes('unit') ? ['unit_id'] : []), ...(stratifyBy.includes('item') ? ['item_key'] : [])];
}

/**
 * How many records each stratum holds (one stratum '' when not stratified). Grouped by the columns
 * themselves, so the stratum's key is spelt once a stratum rather than once a record.
 */
export async function countStrata(manager: EntityManager, scope: PopulationScope, stratifyBy: readonly StratumDimension[]): Promise<StratumCount[]> {
  const params = new Params();
  const columns = stratumColumns(stratifyBy);
  const grouped = `SELECT ${[...columns, 'count(*)::int AS count'].join(', ')} FROM ${POPULATION_VIEW} WHERE ${populationWhere(scope, params)}${columns.length ? ` GROUP BY ${columns.join(', ')}` : ''}`;
  const rows: Array<{ stratum: string; count: number; unit_id?: string | null; item_key?: string }> = await manager.query(
    `SELECT ${stratumSql(stratifyBy)} AS stratum, * FROM (${grouped}) g ORDER BY 1`,
    params.values,
  );
  // Unstratified, count(*) answers one row even for an empty population: an empty population has no strata.
  return rows
    .filter((row) => row.count > 0)
    .map((row) => ({ stratum: row.stratum, count: row.count, ...(columns.includes('unit_id') ? { unitId: row.unit_id ?? null } : {}), ...(row.item_key ? { itemKey: row.item_key } : {}) }));
}

/**
 * The draw, as one SQL statement so that the population's count, its hash and the sample come from one
 * snapshot. The method (draw-method.ts) gives the key records are ranked by and the population's hash;
 * the first `k` records by key are taken, per stratum when stratified. The scans read only id, city_id,
 * queried_at, agency_id, unit_id and item_key, which the period index (city_id, queried_at) INCLUDEs, so
 * they are answered from the index alone; only the `k` drawn records are read in full. `quota` maps
 * stratum → k and the share of it to rank.
 */
function drawStatement(scope: PopulationScope, stratifyBy: readonly StratumDimension[], method: DrawMethod, seed: string, quota: Map<string, StratumQuota>, strata: readonly StratumCount[]) {
  const params = new Params();
  const where = populationWhere(scope, params);
  const sortKey = method.sortKey(params.add(seed));
  let picked: string;
  if (stratifyBy.length === 0) {
    // Top-k by key: a bounded heap, no full sort of the population.
    const k = params.add(quota.get('')?.k ?? 0);
    picked = `SELECT top.id, '' AS stratum, ${method.drawKeyText('top.sort_key')} AS draw_key, row_number() OVER (ORDER BY top.sort_key, top.id)::int AS position
                FROM (SELECT id, ${sortKey} AS sort_key FROM ${POPULATION_VIEW} WHERE ${where} ORDER BY 2, 1 LIMIT ${k}) top`;
  } else {
    // Keys are uniform, so only records whose key is below a stratum's cut-off can be among its first k: the
    // ranking then sorts a few rows per stratum instead of the whole population. A cut-off that lets through
    // too few is caught by the caller, which draws again without it. Records meet their stratum's quota by
    // its columns (a hash join), and the stratum's key is spelt only for the few that pass.
    const sizes = new Map(strata.map((s) => [s.stratum, s]));
    const entries = [...quota].map(([stratum, q]) => ({ stratum, q, columns: sizes.get(stratum) }));
    // The quota as a table: one row a stratum, with the columns records meet it by (a hash join).
    const quotaTable: Array<[name: string, sql: string]> = [
      ['stratum', `${params.add(entries.map((e) => e.stratum))}::text[]`],
      ['k', `${params.add(entries.map((e) => e.q.k))}::int[]`],
      ['cutoff', `${params.add(entries.map((e) => (e.q.share === null ? null : method.cutoff(e.q.share))))}::${method.cutoffType}[]`],
    ];
    const joins: string[] = [];
    if (stratifyBy.includes('unit')) {
      quotaTable.push(['unit_id', `${params.add(entries.map((e) => e.columns?.unitId ?? null))}::uuid[]`]);
      joins.push(`coalesce(quota.unit_id, ${NO_UNIT}) = coalesce(c.unit_id, ${NO_UNIT})`);
    }
    if (stratifyBy.includes('item')) {
      quotaTable.push(['item_key', `${params.add(entries.map((e) => e.columns?.itemKey ?? null))}::text[]`]);
      joins.push('quota.item_key = c.item_key');
    }
    const candidates = `SELECT id, unit_id, item_key, ${sortKey} AS sort_key FROM ${POPULATION_VIEW} WHERE ${where}`;
    picked = `SELECT ranked.id, ranked.stratum, ${method.drawKeyText('ranked.sort_key')} AS draw_key,
                     row_number() OVER (ORDER BY ranked.stratum COLLATE "C", ranked.rank)::int AS position
                FROM (SELECT c.id, c.sort_key, quota.stratum, quota.k, row_number() OVER (PARTITION BY quota.stratum ORDER BY c.sort_key, c.id) AS rank
                        FROM (${candidates}) c
                        JOIN unnest(${quotaTable.map(([, sql]) => sql).join(', ')}) AS quota(${quotaTable.map(([name]) => name).join(', ')}) ON ${joins.join(' AND ')}
                       WHERE quota.cutoff IS NULL OR c.sort_key < quota.cutoff) ranked
               WHERE ranked.rank <= ranked.k`;
  }
  const drawn = `SELECT picked.position, record.id, record.sequence, record.queried_at, record.account_id, record.agency_id, record.unit_id, record.item_key,
                        picked.stratum, picked.draw_key
                   FROM (${picked}) picked JOIN ${POPULATION_VIEW} record ON record.id = picked.id AND record.city_id = ${params.add(scope.cityId)}`;
  const stats = `SELECT count(*)::int AS population_count, ${method.populationHash} AS population_hash FROM ${POPULATION_VIEW} WHERE ${where}`;
  return { params, stats, drawn };
}

/** Which method a draw uses and its seed, as stored with the audit. */
export interface DrawSeed {
  method: DrawMethodId;
  seed: string;
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
  draw: DrawSeed,
  allocation: Map<string, number>,
  strata: readonly StratumCount[],
): Promise<DrawResult> {
  const method = drawMethod(draw.method);
  // The older method sorts the population's ids for its hash (36 bytes an id): in memory, not spilled to disk
  // as the default 4 MB would. The current one reads them in index order and sorts only ties.
  await manager.query(`SELECT set_config('work_mem', '128MB', true)`);
  const once = async (quota: Map<string, StratumQuota>): Promise<DrawResult> => {
    const { params, stats, drawn } = drawStatement(scope, stratifyBy, method, draw.seed, quota, strata);
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
  draw: DrawSeed,
  allocation: Map<string, number>,
  strata: readonly StratumCount[],
  expectedCount: number,
): Promise<{ populationCount: number; populationHash: string; stored: number }> {
  const drawn = await drawSample(manager, scope, stratifyBy, draw, allocation, strata);
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
