import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { ensureQueryLogViews as ensureViews, removeSeededQueryRecords, seedQueryRecords, type SeedRecord } from '../../subgraphs/audit/src/testing/query-log-contract';
import { gql, login } from '../support/gateway-client';
import { demoUser, platform } from '../support/platform';

export { subjectKeyOf } from '../../subgraphs/audit/src/testing/query-log-contract';

const tokens = new Map<string, string>();

/** A demo user's access token, logged in once per file (by password or certificate as the city allows). */
export async function tokenOf(cityId: string, role: string): Promise<string> {
  const key = `${cityId}/${role}`;
  if (!tokens.has(key)) tokens.set(key, await login(demoUser(cityId, role)));
  return tokens.get(key)!;
}

/** A GraphQL call that must succeed. */
export async function ok<T = any>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const result = await gql<T>(query, variables, token);
  if (result.errors?.length || !result.data) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

export async function codeOf(query: string, variables: Record<string, unknown>, token: string): Promise<string | undefined> {
  return (await gql(query, variables, token)).errors?.[0]?.extensions?.code;
}

async function asOwner<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: platform().databaseOwnerUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The query-log views the audit subgraph reads (see subgraphs/audit/src/testing/query-log-contract.ts),
 * created as the database owner when the query-log migrations do not provide them yet. Test setup only.
 */
export async function ensureQueryLogViews(): Promise<void> {
  await ensureViews({ query: (sql, params) => asOwner((client) => client.query(sql, params)) });
}

/** Register entries for the audit tests, appended as the owner (placeholder chain hashes: remove them with `removeSeededRecords`). */
export async function seedRecords(records: SeedRecord[]): Promise<string[]> {
  return seedQueryRecords({ ownerUrl: platform().databaseOwnerUrl }, records);
}

/** Takes the seeded entries out again, leaving the register's hash chain as it was for the other test files. */
export async function removeSeededRecords(ids: string[]): Promise<void> {
  await removeSeededQueryRecords({ ownerUrl: platform().databaseOwnerUrl }, ids);
}

/** An instant given in Taiwan local time. */
export const taiwan = (local: string) => new Date(`${local}+08:00`);

export function spreadRecords(cityId: string, count: number, firstDay: string, base: Partial<SeedRecord> = {}): SeedRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    cityId,
    accountId: randomUUID(),
    agencyId: randomUUID(),
    queriedAt: new Date(taiwan(`${firstDay}T09:00:00`).getTime() + i * 86_400_000),
    ...base,
  }));
}
