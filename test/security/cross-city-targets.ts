import { signChallenge } from '@custos/auth';
import type { DemoLogin } from '@custos/platform';
import pg from 'pg';
import { removeSeededQueryRecords, seedQueryRecords } from '../../subgraphs/audit/src/testing/query-log-contract';
import { splitBundle, type GraphQLResult } from '../support/gateway-client';

/**
 * A running platform the cross-city attack suite aims at: the shared production-mode platform, or a
 * second one started in the test-only "row-level security alone" mode. Everything here takes the
 * target explicitly, so the same fixtures and attacks run against both.
 */
export interface Target {
  name: string;
  gatewayUrl: string;
  ownerUrl: string;
  users: DemoLogin[];
}

export async function call<TData = any>(target: Target, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResult<TData>> {
  const response = await fetch(target.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  try {
    return { status: response.status, ...(JSON.parse(text) as object) };
  } catch {
    throw new Error(`${target.name} gateway answered ${response.status} with non-JSON: ${text.slice(0, 200)}`);
  }
}

export async function ok<TData = any>(target: Target, query: string, variables: Record<string, unknown>, token: string): Promise<TData> {
  const result = await call<TData>(target, query, variables, token);
  if (!result.data || result.errors?.length) throw new Error(`${target.name}: ${query.slice(0, 80)} failed: ${JSON.stringify(result.errors)}`);
  return result.data;
}

export async function ownerSql<T extends pg.QueryResultRow = any>(target: Target, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: target.ownerUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export function userOf(target: Target, cityId: string, role: string): DemoLogin {
  const user = target.users.find((u) => u.cityId === cityId && u.roles.includes(role));
  if (!user) throw new Error(`No demo ${role} in ${cityId}`);
  return user;
}

export async function certificateChallenge(target: Target, cityId: string): Promise<{ id: string; challenge: string }> {
  return (await ok(target, `mutation ($cityId: ID!) { requestCertificateChallenge(cityId: $cityId) { id challenge } }`, { cityId }, undefined as never))
    .requestCertificateChallenge;
}

/** Signs a challenge of `challengeCityId` with `user`'s own certificate (the user may belong to another city). */
export async function certificateLoginInput(target: Target, user: DemoLogin, challengeCityId: string) {
  const challenge = await certificateChallenge(target, challengeCityId);
  const { certificatePem, privateKeyPem } = splitBundle(user.certificateBundlePath);
  return { challengeId: challenge.id, certificatePem, signature: await signChallenge(privateKeyPem, challenge.challenge) };
}

export async function loginAs(target: Target, user: DemoLogin): Promise<{ accessToken: string; refreshToken: string }> {
  if (user.password) {
    const result = await call(target, `mutation ($input: PasswordLoginInput!) { loginWithPassword(input: $input) { accessToken refreshToken } }`, {
      input: { cityId: user.cityId, username: user.username, password: user.password },
    });
    if (!result.data) throw new Error(`login of ${user.username} failed: ${JSON.stringify(result.errors)}`);
    return result.data.loginWithPassword;
  }
  const input = await certificateLoginInput(target, user, user.cityId);
  const result = await call(target, `mutation ($input: CertificateLoginInput!) { loginWithCertificate(input: $input) { accessToken refreshToken } }`, { input });
  if (!result.data) throw new Error(`certificate login of ${user.username} failed: ${JSON.stringify(result.errors)}`);
  return result.data.loginWithCertificate;
}

/** Query-log entries appended as the owner (placeholder hashes), removed again with `removeRecords`. */
export async function seedRecords(target: Target, records: Parameters<typeof seedQueryRecords>[1]): Promise<string[]> {
  return seedQueryRecords({ ownerUrl: target.ownerUrl }, records);
}

/** Takes seeded entries out again, leaving the register's hash chain as it was. */
export async function removeRecords(target: Target, ids: string[]): Promise<void> {
  await removeSeededQueryRecords({ ownerUrl: target.ownerUrl }, ids);
}

/**
 * Every city table of the four subgraph schemas (those with a city_id column), as the owner sees it.
 * `identity.login_challenge` is left out: anyone, signed in or not, may ask for a login challenge
 * of any city (it is anonymous pre-login state).
 */
export async function cityTables(target: Target): Promise<string[]> {
  const rows = await ownerSql<{ name: string }>(
    target,
    `select c.table_schema || '.' || c.table_name as name
       from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
      where c.column_name = 'city_id' and t.table_type = 'BASE TABLE'
        and c.table_schema in ('identity', 'permissions', 'query_log', 'audit')
        and (c.table_schema, c.table_name) <> ('identity', 'login_challenge')
      order by 1`,
  );
  return rows.map((r) => r.name);
}

export interface CitySnapshot {
  /** Per table: row count and a digest of every row of the city (so updates show, not only inserts). */
  tables: Record<string, string>;
  chainHead: string | null;
}

export async function snapshotCity(target: Target, tables: string[], cityId: string): Promise<CitySnapshot> {
  const sql = tables
    .map((table) => `select '${table}' as name, count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '-') as digest from ${table} t where city_id = $1`)
    .join(' union all ');
  const rows = await ownerSql<{ name: string; digest: string }>(target, sql, [cityId]);
  const [head] = await ownerSql<{ record_hash: string }>(target, `select record_hash from query_log.query_record where city_id = $1 order by sequence desc limit 1`, [cityId]);
  return { tables: Object.fromEntries(rows.map((r) => [r.name, r.digest])), chainHead: head?.record_hash ?? null };
}
