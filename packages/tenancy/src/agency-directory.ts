import { InputError } from '@custos/federation';
import type { EntityManager } from 'typeorm';
import { CURRENT_CITY_IDS_SQL, CURRENT_SERVICE_SQL, cityIsolationSql } from './rls';

/**
 * Which agencies a city has, for the subgraphs that name agencies by id but do not own them
 * (permissions, query-log, audit). Identity owns `identity.agency`; it publishes the ids and cities as
 * the view `identity.city_agency` (migration AgencyDirectory1797100000001), `security_invoker`, so the
 * agency table's own row-level security applies to the reader: inside a request's transaction only
 * the caller's city's agencies are there, whatever the query says. Read in the request's own
 * transaction, in the same database: no call to another service, nothing to keep in sync.
 */
export const AGENCY_DIRECTORY_VIEW = 'identity.city_agency';

/** The roles of the subgraphs that read the directory. */
export const AGENCY_DIRECTORY_READERS = ['custos_permissions', 'custos_query_log', 'custos_audit'] as const;

/** For identity's migration (and the stand-in of other subgraphs' tests): the view and its grants. */
export function agencyDirectorySql(): string[] {
  const readers = AGENCY_DIRECTORY_READERS.join(', ');
  return [
    `CREATE VIEW ${AGENCY_DIRECTORY_VIEW} WITH (security_invoker = true) AS SELECT id, city_id FROM identity.agency`,
    `GRANT USAGE ON SCHEMA identity TO ${readers}`,
    // security_invoker: the readers need the columns of the table under the view (its row-level security applies).
    `GRANT SELECT (id, city_id) ON identity.agency TO ${readers}`,
    `GRANT SELECT ON ${AGENCY_DIRECTORY_VIEW} TO ${readers}`,
  ];
}

/**
 * Issue 9: a bureau's decision in one city (an audit request naming an agency) runs in a cross-city
 * session (`app.city_ids` = that city, `app.service`), where the one-city policy shows no agency. This
 * SELECT-only policy, for the directory's readers only (who may read nothing but `id, city_id`), shows
 * the agencies of the session's explicit cities — never "all", and nothing without a service.
 */
export function agencyDirectoryCrossCitySql(): string[] {
  return [
    `CREATE POLICY directory_cross_city ON identity.agency FOR SELECT TO ${AGENCY_DIRECTORY_READERS.join(', ')}
       USING (city_id = ANY (${CURRENT_CITY_IDS_SQL}) AND ${CURRENT_SERVICE_SQL} IS NOT NULL)`,
  ];
}

/**
 * The agencies' names, for a bureau deciding a city's application (permissions' `bureauApplications`):
 * `identity.agency_name` (id, city, name, English name), `security_invoker` like the directory, so the
 * agency table's row-level security applies — a city's session sees its own agencies, a bureau's
 * cross-city session the agencies of its explicit cities (directory_cross_city). Granted to the
 * permissions subgraph only: the other readers keep ids and cities.
 */
export const AGENCY_NAME_VIEW = 'identity.agency_name';
const AGENCY_NAME_READERS = ['custos_permissions'] as const;

export function agencyNameSql(): string[] {
  const readers = AGENCY_NAME_READERS.join(', ');
  return [
    `CREATE VIEW ${AGENCY_NAME_VIEW} WITH (security_invoker = true) AS SELECT id, city_id, name, name_en FROM identity.agency`,
    `GRANT SELECT (name, name_en) ON identity.agency TO ${readers}`,
    `GRANT SELECT ON ${AGENCY_NAME_VIEW} TO ${readers}`,
  ];
}

export interface AgencyName {
  name: string;
  nameEn: string | null;
}

/** The names of these agencies of these cities (one query), keyed by `cityScopedKey`; what the session may not see is missing. */
export async function agencyNames(manager: EntityManager, agencies: ReadonlyArray<{ cityId: string; agencyId: string }>): Promise<Map<string, AgencyName>> {
  const wanted = agencies.filter((a) => /^[0-9a-f-]{36}$/i.test(a.agencyId));
  if (wanted.length === 0) return new Map();
  const rows: Array<{ city_id: string; id: string; name: string; name_en: string | null }> = await manager.query(
    `SELECT n.city_id, n.id::text AS id, n.name, n.name_en FROM ${AGENCY_NAME_VIEW} n
       JOIN unnest($1::text[], $2::uuid[]) AS w(city_id, id) ON w.city_id = n.city_id AND w.id = n.id`,
    [wanted.map((a) => a.cityId), wanted.map((a) => a.agencyId)],
  );
  return new Map(rows.map((row) => [cityScopedKey(row.city_id, row.id), { name: row.name, nameEn: row.name_en }]));
}

/** A row's key within its city (`city:id`, the id lowercased): ids are only unique per city in tests' stand-ins. */
export const cityScopedKey = (cityId: string, id: string) => `${cityId}:${id.toLowerCase()}`;

/** Of `agencyIds`, those that are agencies of `cityId` (one query for all of them). */
export async function agenciesOfCity(manager: EntityManager, cityId: string, agencyIds: readonly string[]): Promise<Set<string>> {
  const ids = [...new Set(agencyIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id)))];
  if (ids.length === 0) return new Set();
  // The view's row-level security answers for the transaction's own city only, under this filter.
  const rows: Array<{ id: string }> = await manager.query(
    `SELECT id::text AS id FROM ${AGENCY_DIRECTORY_VIEW} WHERE city_id = $1 AND id = ANY($2::uuid[])`,
    [cityId, ids],
  );
  return new Set(rows.map((row) => row.id.toLowerCase()));
}

/** The refusal for an agency id that is not an agency of the caller's city (another city's, or none at all). */
export function unknownAgency(field = 'agencyId', where?: string): InputError {
  if (where) return new InputError('UNKNOWN_AGENCY', `There is no agency with this id in ${where}. Choose one of its agencies.`, field);
  return new InputError('UNKNOWN_AGENCY', 'There is no agency with this id in your city. Choose one of your city’s agencies.', field);
}

/**
 * Refuses (UNKNOWN_AGENCY) an agency id that is not an agency of `cityId`: call it before writing
 * anything that names the agency. `cityId` is the verified caller's city, never client input — or,
 * for a bureau's decision, the one city of its cross-city session (`where` then names that city in
 * the message).
 */
export async function requireAgencyOfCity(manager: EntityManager, cityId: string, agencyId: string, field = 'agencyId', where?: string): Promise<void> {
  if (!(await agenciesOfCity(manager, cityId, [agencyId])).has(agencyId.toLowerCase())) throw unknownAgency(field, where);
}

const STAND_IN = 'custos test stand-in of identity.agency';

/**
 * TESTS ONLY, for the subgraphs whose own tests run without identity's migrations: a minimal
 * `identity.agency` (id, city, the same row-level security) under the same view and grants. Skipped
 * where identity's migrations ran. Fill it with `INSERT INTO identity.agency (id, city_id)` as the owner.
 */
export async function installAgencyDirectoryStandIn(query: (sql: string, params?: unknown[]) => Promise<{ rows: any[] }>): Promise<void> {
  const [{ exists }] = (await query(`SELECT to_regclass($1) IS NOT NULL AS exists`, [AGENCY_DIRECTORY_VIEW])).rows;
  if (exists) return;
  for (const sql of [
    `CREATE SCHEMA IF NOT EXISTS identity`,
    // (city, id): tests may give two cities' fixtures the same made-up agency id.
    `CREATE TABLE identity.agency (id uuid NOT NULL, city_id text NOT NULL, name text NOT NULL DEFAULT '', name_en text, PRIMARY KEY (city_id, id))`,
    `COMMENT ON TABLE identity.agency IS '${STAND_IN}'`,
    ...cityIsolationSql('identity.agency'),
    ...agencyDirectorySql(),
    ...agencyDirectoryCrossCitySql(),
    ...agencyNameSql(),
  ]) {
    await query(sql);
  }
}

/** TESTS ONLY: adds agencies to the stand-in (a no-op where identity's real table is there). */
export async function addStandInAgencies(
  query: (sql: string, params?: unknown[]) => Promise<{ rows: any[] }>,
  agencies: ReadonlyArray<{ id: string; cityId: string; name?: string; nameEn?: string | null }>,
): Promise<void> {
  if (agencies.length === 0) return;
  const [{ standIn }] = (await query(`SELECT coalesce(obj_description(to_regclass('identity.agency'), 'pg_class') = $1, false) AS "standIn"`, [STAND_IN])).rows;
  if (!standIn) return;
  await query(`INSERT INTO identity.agency (id, city_id, name, name_en) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`, [
    agencies.map((a) => a.id),
    agencies.map((a) => a.cityId),
    agencies.map((a) => a.name ?? ''),
    agencies.map((a) => a.nameEn ?? null),
  ]);
}
