/**
 * SQL for migrations. Policies read the city from the transaction-local setting; `nullif(..., '')`
 * matters because once a setting has been used on a connection an unset value reads as '' rather
 * than NULL — either way an unset city matches no row (fail closed). The `(select ...)` makes
 * PostgreSQL evaluate the setting once per statement instead of once per row.
 */
export const CURRENT_CITY_SQL = `(select nullif(current_setting('app.city_id', true), ''))`;

export function cityIsolationSql(qualifiedTable: string): string[] {
  return [
    `ALTER TABLE ${qualifiedTable} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${qualifiedTable} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY city_isolation ON ${qualifiedTable} USING (city_id = ${CURRENT_CITY_SQL}) WITH CHECK (city_id = ${CURRENT_CITY_SQL})`,
  ];
}

/** Schema usage for the subgraph's role; table privileges are granted table by table. */
export function schemaUsageSql(schema: string, role: string): string[] {
  return [`GRANT USAGE ON SCHEMA ${schema} TO ${role}`, `REVOKE CREATE ON SCHEMA ${schema} FROM PUBLIC`];
}

/** Issue 9: the cities of a cross-city read (`app.city_ids`, comma separated); unset → no city. */
export const CURRENT_CITY_IDS_SQL = `((select string_to_array(nullif(current_setting('app.city_ids', true), ''), ','))::text[])`;
/** Issue 9: the one WebIR service a cross-city read may see (`app.service`); unset → nothing. */
export const CURRENT_SERVICE_SQL = `(select nullif(current_setting('app.service', true), ''))`;

/**
 * A SELECT-only policy for cross-city reads: a row is visible when its city is in the session's
 * explicit list AND `serviceExpression` (the row's service, e.g. `split_part(item_key, ':', 1)`)
 * is the session's service. Policies are permissive (OR-ed with city_isolation): a one-city
 * session never sets app.city_ids, a cross-city session never sets app.city_id. No INSERT,
 * UPDATE or DELETE is ever allowed by it.
 */
export function crossCityReadSql(qualifiedTable: string, serviceExpression: string, policyName = 'cross_city_read'): string[] {
  return [
    `CREATE POLICY ${policyName} ON ${qualifiedTable} FOR SELECT USING (city_id = ANY (${CURRENT_CITY_IDS_SQL}) AND ${serviceExpression} = ${CURRENT_SERVICE_SQL})`,
  ];
}
