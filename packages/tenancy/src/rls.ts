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
