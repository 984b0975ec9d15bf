import { signChallenge } from '@custos/auth';
import type { DemoLogin } from '@custos/platform';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { subjectHash, type SeedRecord } from '../../subgraphs/audit/src/testing/query-log-contract';
import { GENESIS_HASH, recordHash, type HashedRecordFields } from '../../subgraphs/query-log/src/chain/record-hash';
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

/** As subgraphs/query-log/src/chain/hash-chain.ts: appends to a city's chain are serialised on this advisory lock. */
const CHAIN_LOCK_CLASS = 0x514c;

/**
 * Query-log entries for the fixtures, appended as the owner the way the query log appends them: each
 * under the city's chain lock, numbered after the head, linked to it and hashed (record-hash.ts). They
 * stay: the register is append-only, and deleting entries afterwards (or seeding placeholder hashes)
 * would leave the shared platform's chain broken for every test after this one — a checkpoint signed
 * over them (ours, the job worker's, or one written every N records) would no longer match.
 */
export async function appendRecords(target: Target, records: SeedRecord[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: target.ownerUrl });
  await client.connect();
  const ids: string[] = [];
  try {
    await client.query('BEGIN');
    const heads = new Map<string, { sequence: number; hash: string }>();
    for (const cityId of [...new Set(records.map((r) => r.cityId))].sort()) {
      await client.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [CHAIN_LOCK_CLASS, cityId]);
      const [head] = (await client.query(`SELECT sequence, record_hash FROM query_log.query_record WHERE city_id = $1 ORDER BY sequence DESC LIMIT 1`, [cityId])).rows;
      heads.set(cityId, head ? { sequence: Number(head.sequence), hash: head.record_hash } : { sequence: 0, hash: GENESIS_HASH });
    }
    const recordedAt = new Date();
    for (const record of records) {
      const head = heads.get(record.cityId)!;
      const id = record.id ?? randomUUID();
      const fields: HashedRecordFields = {
        id,
        cityId: record.cityId,
        sequence: String(head.sequence + 1),
        accountId: record.accountId,
        agencyId: record.agencyId,
        unitId: record.unitId ?? null,
        requestId: null,
        itemKey: record.itemKey ?? 'labor-insurance:F0201:unspecified',
        caseNumber: `CASE-${head.sequence + 1}`,
        purpose: '社會救助調查',
        subjectKind: 'NATIONAL_ID',
        subjectHash: subjectHash(record.subject ?? `subject-${id}`),
        subjectMasked: 'A12*****89',
        legalBasis: null,
        consentDocument: null,
        proxyForAccountId: null,
        proxyDocumentNumber: null,
        clientAddress: null,
        decisionRuleVersion: null,
        queriedAt: new Date(record.queriedAt),
        recordedAt,
        previousHash: head.hash,
      };
      const hash = recordHash(fields);
      await client.query(
        `INSERT INTO query_log.query_record (id, city_id, sequence, account_id, agency_id, unit_id, request_id, item_key, case_number, purpose, subject_kind, subject_hash, subject_masked,
           legal_basis, consent_document, proxy_for_account_id, proxy_document_number, client_address, decision_rule_version, queried_at, recorded_at, previous_hash, record_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)`,
        [
          fields.id, fields.cityId, fields.sequence, fields.accountId, fields.agencyId, fields.unitId, fields.requestId, fields.itemKey, fields.caseNumber, fields.purpose,
          fields.subjectKind, fields.subjectHash, fields.subjectMasked, fields.legalBasis, fields.consentDocument, fields.proxyForAccountId, fields.proxyDocumentNumber,
          fields.clientAddress, fields.decisionRuleVersion, fields.queriedAt, fields.recordedAt, fields.previousHash, hash,
        ],
      );
      heads.set(record.cityId, { sequence: head.sequence + 1, hash });
      ids.push(id);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
  return ids;
}

/**
 * Every city table of the four subgraph schemas (those with a city_id column), as the owner sees it.
 * `identity.login_challenge` and `identity.login_unknown_username` are left out: anyone, signed in or
 * not, may ask for a login challenge of any city, or fail a login there under a username it does not
 * have (counted towards that username's lockout, exactly as for a real one); both are anonymous
 * pre-login state.
 */
export async function cityTables(target: Target): Promise<string[]> {
  const rows = await ownerSql<{ name: string }>(
    target,
    `select c.table_schema || '.' || c.table_name as name
       from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
      where c.column_name = 'city_id' and t.table_type = 'BASE TABLE'
        and c.table_schema in ('identity', 'permissions', 'query_log', 'audit')
        and (c.table_schema, c.table_name) not in (('identity', 'login_challenge'), ('identity', 'login_unknown_username'))
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
