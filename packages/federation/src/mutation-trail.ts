import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';

/**
 * The audit trail of every change, in every subgraph's own schema.
 *
 * - Each schema gets an append-only `<schema>.mutation_trail` table (city row-level security, INSERT
 *   only for the subgraph's role, SELECT for the audit subgraph's role) and an AFTER trigger on each of
 *   its city tables that writes one trail row per changed row: the row before and after (secrets left
 *   out), the table, the action, and — from transaction-local settings — who, from where and what.
 * - `mutationTrailPlugin` puts those settings on the request's transaction before any resolver runs, so
 *   the trail rows commit (or roll back) with the change itself. It also records designated reads
 *   (the query log read by admins and auditors) as trail rows of their own.
 */

export const TRAIL_TABLE = 'mutation_trail';

/** Columns never copied into the trail. */
export const TRAIL_REDACTED_COLUMNS = ['password_hash', 'token_hash', 'refresh_token_hash', 'subject_hash', 'secret', 'signature'];

/** Variables never copied into the trail (by name, at any depth). */
const REDACTED_VARIABLES = /password|token|secret|signature|privatekey|certificatepem|csv/i;

export function trailTableSql(schema: string, appRole: string, auditRole: string): string[] {
  const table = `${schema}.${TRAIL_TABLE}`;
  return [
    `CREATE TABLE ${table} (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      city_id text NOT NULL,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      transaction_id bigint NOT NULL DEFAULT txid_current(),
      account_id text,
      client_address text,
      operation text NOT NULL,
      arguments jsonb,
      table_name text,
      action text NOT NULL CHECK (action IN ('INSERT', 'UPDATE', 'DELETE', 'READ')),
      row_id text,
      before jsonb,
      after jsonb
    )`,
    `CREATE INDEX ${TRAIL_TABLE}_city_time_idx ON ${table} (city_id, occurred_at DESC, id)`,
    `CREATE FUNCTION ${schema}.trail_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$`,
    // Statement-level: refused even when no row is visible or matched (and for the owner too).
    `CREATE TRIGGER ${TRAIL_TABLE}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.trail_refuse_change()`,
    `GRANT INSERT ON ${table} TO ${appRole}`,
    `GRANT USAGE ON SCHEMA ${schema} TO ${auditRole}`,
    `GRANT SELECT ON ${table} TO ${auditRole}`,
    // One trail row per changed row; an UPDATE that changes nothing leaves none.
    `CREATE FUNCTION ${schema}.trail_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE
         old_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) - ARRAY[${TRAIL_REDACTED_COLUMNS.map((c) => `'${c}'`).join(', ')}]::text[] END;
         new_row jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) - ARRAY[${TRAIL_REDACTED_COLUMNS.map((c) => `'${c}'`).join(', ')}]::text[] END;
       BEGIN
         IF TG_OP = 'UPDATE' AND old_row = new_row THEN RETURN NULL; END IF;
         INSERT INTO ${table} (city_id, account_id, client_address, operation, arguments, table_name, action, row_id, before, after)
         VALUES (
           coalesce(new_row->>'city_id', old_row->>'city_id'),
           nullif(current_setting('app.actor_id', true), ''),
           nullif(current_setting('app.client_address', true), ''),
           coalesce(nullif(current_setting('app.operation', true), ''), 'system'),
           nullif(current_setting('app.arguments', true), '')::jsonb,
           TG_TABLE_NAME, TG_OP, coalesce(new_row->>'id', old_row->>'id'), old_row, new_row);
         RETURN NULL;
       END $$`,
  ];
}

/** The trigger that trails one city table (every city table of the schema gets one; see `trailedTablesSql`). */
export function trailTriggerSql(schema: string, table: string): string {
  return `CREATE TRIGGER ${table}_trail AFTER INSERT OR UPDATE OR DELETE ON ${schema}.${table} FOR EACH ROW EXECUTE FUNCTION ${schema}.trail_record_change()`;
}

/** The city tables of a schema (those with a city_id column), for a migration to attach the trigger to. */
export function cityTablesQuery(schema: string): { sql: string; params: unknown[] } {
  return {
    sql: `select c.table_name from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
           where c.table_schema = $1 and c.column_name = 'city_id' and t.table_type = 'BASE TABLE' and c.table_name <> $2 order by 1`,
    params: [schema, TRAIL_TABLE],
  };
}

/**
 * For a subgraph's migration: the trail table (with the city isolation SQL the caller passes, from
 * @custos/tenancy) and a trigger on every city table of the schema but `exclude`.
 */
export async function installMutationTrail(
  db: { query(sql: string, parameters?: unknown[]): Promise<unknown> },
  options: { schema: string; appRole: string; auditRole: string; isolation: string[]; exclude?: readonly string[] },
): Promise<string[]> {
  for (const sql of [...trailTableSql(options.schema, options.appRole, options.auditRole), ...options.isolation]) await db.query(sql);
  const query = cityTablesQuery(options.schema);
  const rows = (await db.query(query.sql, query.params)) as Array<{ table_name: string }>;
  const tables = rows.map((row) => row.table_name).filter((table) => !(options.exclude ?? []).includes(table));
  for (const table of tables) await db.query(trailTriggerSql(options.schema, table));
  return tables;
}

interface TrailScope {
  annotate?(settings: Record<string, string>): Promise<void>;
  manager?(cityId: string): Promise<{ query(sql: string, parameters?: unknown[]): Promise<unknown> }>;
}

interface TrailContext extends BaseContext {
  scope?: TrailScope;
  principal?: { kind: string; accountId?: string; cityId?: string; roles?: readonly string[] };
  clientAddress?: string;
}

export interface MutationTrailOptions {
  /** The subgraph's schema (where read records go). */
  schema: string;
  /** Query fields whose reads are recorded, with the roles whose reads are (e.g. the register read by admins and auditors). */
  recordedReads?: { fields: readonly string[]; roles: readonly string[] };
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, REDACTED_VARIABLES.test(key) ? '[redacted]' : redact(inner)]));
  }
  return value;
}

function rootFields(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : []));
}

export function mutationTrailPlugin<TContext extends TrailContext>(options: MutationTrailOptions): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue, request }) {
          const scope = contextValue.scope;
          if (!scope?.annotate || !operation) return;
          const principal = contextValue.principal;
          const accountId = principal?.kind === 'account' ? (principal.accountId ?? '') : '';
          const fields = rootFields(operation);
          const what = `${operation.operation} ${fields.join(', ')}`;
          const settings = {
            'app.actor_id': accountId,
            'app.client_address': contextValue.clientAddress ?? '',
            'app.operation': what,
            'app.arguments': JSON.stringify(redact(request.variables ?? {})),
          };
          if (operation.operation === 'mutation') {
            await scope.annotate(settings);
            return;
          }
          const reads = options.recordedReads;
          if (!reads || operation.operation !== 'query' || !scope.manager || principal?.kind !== 'account' || !principal.cityId) return;
          const recorded = fields.filter((field) => reads.fields.includes(field));
          if (recorded.length === 0 || !principal.roles?.some((role) => reads.roles.includes(role))) return;
          // The read is recorded in the request's own transaction, before it runs: no record, no read.
          await scope.annotate(settings);
          const manager = await scope.manager(principal.cityId);
          await manager.query(
            `insert into ${options.schema}.${TRAIL_TABLE} (city_id, account_id, client_address, operation, arguments, action) values ($1, $2, $3, $4, $5::jsonb, 'READ')`,
            [principal.cityId, accountId || null, contextValue.clientAddress ?? null, `query ${recorded.join(', ')}`, settings['app.arguments']],
          );
        },
      };
    },
  };
}
