import type { AccountPrincipal, CrossCityReach, Role } from '@custos/auth';
import { decodeCursor, encodeCursor, ForbiddenError, InputError } from '@custos/federation';
import { randomUUID } from 'node:crypto';
import type { GraphQLResolveInfo } from 'graphql';
import type { EntityManager } from 'typeorm';
import { CURRENT_CITY_IDS_SQL, CURRENT_CITY_SQL, CURRENT_SERVICE_SQL } from './rls';

/**
 * Issue 9: the cross-city read log, for a subgraph other than the query log (which keeps its own
 * `query_log.cross_city_read`). Same shape, same rules: one row per city read, append-only (no
 * UPDATE/DELETE privilege, and triggers refuse them), a cross-city session may only insert rows of
 * its own cities and service, a city's session may only read its own city's rows.
 */

/** The cities (and the one service) a cross-city request reads, from the verified principal only. */
export interface CrossCityAccess {
  reader: AccountPrincipal;
  cityIds: string[];
  service: CrossCityReach['service'];
}

/**
 * The reach of a bureau officer (or its reporting token), narrowed to the cities it asked for. The
 * reach comes only from the verified principal: a city's official has none, and asking for a city
 * outside the reach is FORBIDDEN, never silently widened.
 */
export function crossCityAccess(principal: AccountPrincipal, requestedCityIds: readonly string[] | null | undefined): CrossCityAccess {
  const reach = principal.crossCity;
  if (!reach || !principal.roles.includes('BUREAU_OFFICER')) {
    throw new ForbiddenError('Only a central agency’s officer (or its reporting token) reads across cities.', { requiredRoles: ['BUREAU_OFFICER'] });
  }
  const cityIds = requestedCityIds?.length ? [...new Set(requestedCityIds)].sort() : [...reach.cityIds].sort();
  const outside = cityIds.filter((id) => !reach.cityIds.includes(id));
  if (outside.length > 0) throw new ForbiddenError(`You may not read the records of ${outside.join(', ')}.`, { cities: outside });
  if (cityIds.length === 0) throw new InputError('NO_CITIES', 'There is no city to read.', 'cityIds');
  return { reader: principal, cityIds, service: reach.service };
}

/**
 * A bureau officer recording the bureau's own decision in one city (an application step, an audit
 * request): a signed-in officer (never a read-only reporting token) whose reach includes the city.
 */
export function bureauDecisionAccess(principal: AccountPrincipal, cityId: string): CrossCityAccess {
  if (principal.readOnly) throw new ForbiddenError('A reporting token is read-only.');
  return crossCityAccess(principal, [cityId]);
}

/** Migration SQL: `<schema>.cross_city_read`, its policies, triggers and grants. */
export function crossCityReadLogSql(schema: string, role: string): string[] {
  const table = `${schema}.cross_city_read`;
  return [
    `CREATE FUNCTION ${schema}.refuse_read_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
     END $$`,
    `CREATE TABLE ${table} (
      id uuid PRIMARY KEY,
      city_id text NOT NULL,
      service text NOT NULL CHECK (service IN ('labor-insurance', 'health-insurance')),
      reader_city_id text NOT NULL,
      reader_account_id uuid NOT NULL,
      reader_agency_id uuid NOT NULL,
      operation text NOT NULL CHECK (length(operation) BETWEEN 1 AND 200),
      row_count integer NOT NULL CHECK (row_count >= 0),
      read_at timestamptz NOT NULL
    )`,
    `CREATE INDEX cross_city_read_city_time_idx ON ${table} (city_id, read_at DESC, id DESC)`,
    `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY city_reads_own ON ${table} FOR SELECT USING (city_id = ${CURRENT_CITY_SQL})`,
    `CREATE POLICY cross_city_log ON ${table} FOR INSERT WITH CHECK (city_id = ANY (${CURRENT_CITY_IDS_SQL}) AND service = ${CURRENT_SERVICE_SQL})`,
    `CREATE TRIGGER cross_city_read_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${schema}.refuse_read_log_change()`,
    `CREATE TRIGGER cross_city_read_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.refuse_read_log_change()`,
    `GRANT SELECT, INSERT ON ${table} TO ${role}`,
  ];
}

/**
 * Records a read in `<schema>.cross_city_read`, one row per city of the read, in the request's own
 * transaction: if the log cannot be written, the caller gets no data.
 */
export async function logCrossCityAccess(
  manager: EntityManager,
  schema: string,
  access: CrossCityAccess,
  operation: string,
  rowsByCity: ReadonlyMap<string, number>,
  now: Date,
): Promise<void> {
  const ids = access.cityIds.map(() => randomUUID());
  await manager.query(
    `INSERT INTO ${schema}.cross_city_read (id, city_id, service, reader_city_id, reader_account_id, reader_agency_id, operation, row_count, read_at)
     SELECT r.id, r.city_id, $4, $5, $6, $7, $8, r.row_count, $9
       FROM unnest($1::uuid[], $2::text[], $3::int[]) AS r(id, city_id, row_count)`,
    [ids, access.cityIds, access.cityIds.map((id) => rowsByCity.get(id) ?? 0), access.service, access.reader.cityId, access.reader.accountId, access.reader.agencyId, operation.slice(0, 200), now],
  );
}

export function rowsPerCity<T>(rows: readonly T[], cityOf: (row: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(cityOf(row), (counts.get(cityOf(row)) ?? 0) + 1);
  return counts;
}

export interface CrossCityReadRow {
  id: string;
  cityId: string;
  service: string;
  readerCityId: string;
  readerAccountId: string;
  readerAgencyId: string;
  operation: string;
  rowCount: number;
  readAt: Date;
}

/** A page of one city's reads by central agencies, newest first then by id (the manager is confined to the city). */
export async function listCrossCityAccess(
  manager: EntityManager,
  schema: string,
  cityId: string,
  page: { first: number; after?: string | null },
): Promise<{ nodes: CrossCityReadRow[]; totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null } }> {
  if (!Number.isInteger(page.first) || page.first < 1 || page.first > 200) throw new InputError('INVALID_PAGE_SIZE', 'Ask for between 1 and 200 at a time.', 'first');
  const params: unknown[] = [cityId];
  let after = '';
  if (page.after) {
    const [at, id] = decodeCursor(page.after, ['timestamp', 'uuid']);
    params.push(at, id);
    after = ` AND (read_at, id) < ($2::timestamptz, $3::uuid)`;
  }
  const [{ total }]: Array<{ total: number }> = await manager.query(`SELECT count(*)::int AS total FROM ${schema}.cross_city_read WHERE city_id = $1`, [cityId]);
  const rows: Array<Record<string, unknown>> = await manager.query(
    `SELECT id, city_id, service, reader_city_id, reader_account_id, reader_agency_id, operation, row_count, read_at
       FROM ${schema}.cross_city_read WHERE city_id = $1${after} ORDER BY read_at DESC, id DESC LIMIT ${page.first + 1}`,
    params,
  );
  const all = rows.map((row) => ({
    id: row.id as string,
    cityId: row.city_id as string,
    service: row.service as string,
    readerCityId: row.reader_city_id as string,
    readerAccountId: row.reader_account_id as string,
    readerAgencyId: row.reader_agency_id as string,
    operation: row.operation as string,
    rowCount: Number(row.row_count),
    readAt: new Date(row.read_at as string),
  }));
  const nodes = all.slice(0, page.first);
  const last = nodes[nodes.length - 1];
  return { nodes, totalCount: total, pageInfo: { hasNextPage: all.length > page.first, endCursor: last ? encodeCursor([last.readAt, last.id]) : null } };
}

/** `<operation name>/<field>`: what the read log names as the operation (as the query log does). */
export function operationLabel(info: Pick<GraphQLResolveInfo, 'operation' | 'fieldName'>, field = info.fieldName): string {
  const name = info.operation.name?.value?.replace(/__[a-z_-]+__\d+$/, '') ?? 'anonymous';
  return `${name}/${field}`;
}

/**
 * Whose rows a reporting aggregate (findingCounts, overdueTaskCounts, grantCounts) counts: a city's
 * own caller holding one of `cityRoles` counts its own city; a caller whose verified principal carries
 * a cross-city reach (a bureau officer or its reporting token) counts the cities of its reach it asked
 * for, of its own service. A city's caller naming another city is FORBIDDEN, never silently answered.
 */
export type ReportReach = { kind: 'city'; cityId: string } | { kind: 'cross-city'; access: CrossCityAccess };

export function reportReach(principal: AccountPrincipal, requestedCityIds: readonly string[] | null | undefined, cityRoles: readonly Role[]): ReportReach {
  if (principal.crossCity) return { kind: 'cross-city', access: crossCityAccess(principal, requestedCityIds) };
  if (!principal.roles.some((role) => cityRoles.includes(role))) {
    throw new ForbiddenError(`This needs one of these roles: ${cityRoles.join(', ')}.`, { requiredRoles: cityRoles });
  }
  const outside = [...new Set(requestedCityIds ?? [])].filter((id) => id !== principal.cityId);
  if (outside.length > 0) throw new ForbiddenError(`You may not read the records of ${outside.join(', ')}.`, { cities: outside });
  return { kind: 'city', cityId: principal.cityId };
}

/** Sums a count per city (for the read log's `row_count`: how many of the city's rows were counted). */
export function countsPerCity<T>(rows: readonly T[], cityOf: (row: T) => string, countOf: (row: T) => number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(cityOf(row), (counts.get(cityOf(row)) ?? 0) + countOf(row));
  return counts;
}
