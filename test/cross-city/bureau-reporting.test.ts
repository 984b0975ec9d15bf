import { demoAgencyId, demoUsers } from '@custos/demo';
import { appRoleName } from '@custos/postgres';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, login } from '../support/gateway-client';
import { ownerQuery, platform, platformSecrets } from '../support/platform';
import { fileRequest, record, tokenOf } from '../query-log/query-log-helpers';

/**
 * Issue 9 through the gateway: bureau officers read across cities for their own service only,
 * every read is logged for the cities' top admins, reporting tokens are read-only and scoped, and
 * row-level security alone (the app role with only the session settings) enforces the city list.
 */
const RECORDS = `query BureauRecords($filter: CrossCityRecordFilter, $first: Int) { bureauQueryRecords(filter: $filter, first: $first) { totalCount nodes { id cityId itemKey } } }`;
const COUNTS = `query Counts($groupBy: [QueryCountDimension!]!, $filter: QueryCountFilter) { queryCounts(groupBy: $groupBy, filter: $filter) { total rows { cityId itemKey month count } } }`;
const READS = `query { crossCityReads(first: 200) { nodes { readerAccountId operation rowCount service } } }`;

const user = (username: string) => platform().demo.users.find((candidate) => candidate.username === username)!;
const demo = (username: string) => demoUsers.find((candidate) => candidate.username === username)!;

let since: string;
const recorded: Record<string, string> = {};
let laborToken: string;
let nhiToken: string;

beforeAll(async () => {
  since = new Date(Date.now() - 1000).toISOString();
  for (const cityId of ['taoyuan', 'changhua', 'tainan']) {
    const result = await record(cityId, await fileRequest(cityId, { approve: true }));
    if (!result.data) throw new Error(`record failed in ${cityId}: ${JSON.stringify(result.errors)}`);
    recorded[cityId] = result.data.recordQuery.id;
  }
  laborToken = await login(user('central.labor'));
  nhiToken = await login(user('central.nhi'));
});

describe('bureau officers across cities', () => {
  it('the labor bureau officer sees the labor-insurance records of taoyuan and changhua and no health-insurance ones', async () => {
    const result = await gql(RECORDS, { filter: { from: since }, first: 200 }, laborToken);
    expect(result.errors).toBeUndefined();
    const ids = result.data.bureauQueryRecords.nodes.map((node: { id: string }) => node.id);
    expect(ids).toEqual(expect.arrayContaining([recorded.taoyuan, recorded.changhua]));
    expect(ids).not.toContain(recorded.tainan);
    expect(result.data.bureauQueryRecords.nodes.every((node: { itemKey: string }) => node.itemKey.startsWith('labor-insurance:'))).toBe(true);
    const health = await gql(RECORDS, { filter: { from: since }, first: 200 }, nhiToken);
    const healthIds = health.data.bureauQueryRecords.nodes.map((node: { id: string }) => node.id);
    expect(healthIds).toContain(recorded.tainan);
    expect(healthIds).not.toContain(recorded.taoyuan);
  });

  it('cannot change any city’s data', async () => {
    const subjectReport = await gql(`mutation ($input: DataSubjectReportInput!) { produceDataSubjectReport(input: $input) { recordCount } }`, { input: { subject: 'A123456789', requestReference: 'x' } }, laborToken);
    expect(subjectReport.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const request = await gql(
      `mutation ($input: CreateQueryRequestInput!) { createQueryRequest(input: $input) { id } }`,
      { input: { caseNumber: 'BUREAU-1', purpose: 'x', itemKeys: ['labor-insurance:C0101:unspecified'], subjectKind: 'NATIONAL_ID', subject: 'A123456789', legalBasis: 'x' } },
      laborToken,
    );
    expect(request.data ?? null).toBeNull();
    expect(request.errors?.length).toBeGreaterThan(0);
    const [{ n }] = await ownerQuery(`select count(*)::int as n from query_log.query_request where case_number = 'BUREAU-1'`);
    expect(n).toBe(0);
  });

  it('every read is in the read log, and taoyuan’s top admin sees the reads of taoyuan (and only those)', async () => {
    await gql(RECORDS, { filter: { from: since, cityIds: ['taoyuan', 'changhua'] } }, laborToken);
    const reads = await gql(READS, {}, await tokenOf('taoyuan', 'TOP_ADMIN'));
    expect(reads.errors).toBeUndefined();
    const mine = reads.data.crossCityReads.nodes.filter((node: { readerAccountId: string }) => node.readerAccountId === demo('central.labor').accountId);
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(mine[0]).toMatchObject({ operation: 'BureauRecords/bureauQueryRecords', service: 'labor-insurance' });
    const rows = await ownerQuery(`select distinct city_id from query_log.cross_city_read where reader_account_id = $1 order by 1`, [demo('central.labor').accountId]);
    expect(rows.map((row) => row.city_id).sort()).toEqual(['changhua', 'tainan', 'taipei', 'taoyuan']);
    expect((await gql(READS, {}, await tokenOf('taoyuan', 'AUDITOR'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a city’s own token never sees another city', async () => {
    const counts = await gql(COUNTS, { groupBy: ['CITY'], filter: { cityIds: ['tainan'] } }, await tokenOf('taoyuan', 'AUDITOR'));
    expect(counts.errors).toBeUndefined();
    expect(counts.data.queryCounts.rows.map((row: { cityId: string }) => row.cityId)).toEqual(['taoyuan']);
    expect((await gql(RECORDS, {}, await tokenOf('taoyuan', 'AUDITOR'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('reporting tokens', () => {
  let bureauApiToken: string;
  let reportingAccess: string;

  it('the central admin issues a bureau service account a token scoped to two cities and its service', async () => {
    const admin = await login(user('central.admin'));
    const created = await gql(
      `mutation ($input: CreateServiceAccountInput!) { createServiceAccount(input: $input) { id } }`,
      { input: { name: `labor-report-${Date.now().toString(36)}`, responsiblePersonId: demo('central.labor').personId, agencyId: demoAgencyId('central', 'labor-bureau'), roles: ['BUREAU_OFFICER'], reason: 'cross-city monthly report' } },
      admin,
    );
    expect(created.errors).toBeUndefined();
    const issue = (input: Record<string, unknown>) =>
      gql(`mutation ($input: IssueApiTokenInput!) { issueApiToken(input: $input) { token apiToken { readCityIds readService } } }`, { input: { serviceAccountId: created.data.createServiceAccount.id, name: 'report', scopes: ['BUREAU_OFFICER'], reason: 'tool', ...input } }, admin);
    expect((await issue({ readCityIds: ['taoyuan'], readService: 'health-insurance' })).errors?.[0]?.extensions?.code).toBe('SERVICE_NOT_OF_BUREAU');
    expect((await issue({ readCityIds: ['atlantis'], readService: 'labor-insurance' })).errors?.[0]?.extensions?.code).toBe('UNKNOWN_CITY');
    const issued = await issue({ readCityIds: ['taoyuan', 'changhua'], readService: 'labor-insurance' });
    expect(issued.errors).toBeUndefined();
    expect(issued.data.issueApiToken.apiToken).toEqual({ readCityIds: ['changhua', 'taoyuan'], readService: 'labor-insurance' });
    bureauApiToken = issued.data.issueApiToken.token;
    const exchanged = await gql(`mutation ($token: String!) { exchangeApiToken(token: $token) { accessToken } }`, { token: bureauApiToken });
    reportingAccess = exchanged.data.exchangeApiToken.accessToken;
  });

  it('reads the aggregate across its two cities, is refused a third city, and every mutation', async () => {
    const counts = await gql(COUNTS, { groupBy: ['CITY', 'ITEM'], filter: { from: since } }, reportingAccess);
    expect(counts.errors).toBeUndefined();
    const cities = counts.data.queryCounts.rows.map((row: { cityId: string }) => row.cityId);
    expect(new Set(cities)).toEqual(new Set(['changhua', 'taoyuan']));
    const third = await gql(COUNTS, { groupBy: ['CITY'], filter: { cityIds: ['tainan'] } }, reportingAccess);
    expect(third.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const mutation = await gql(`mutation ($input: DataSubjectReportInput!) { produceDataSubjectReport(input: $input) { recordCount } }`, { input: { subject: 'A123456789', requestReference: 'x' } }, reportingAccess);
    expect(mutation.status).toBe(403);
    expect(mutation.errors?.[0]?.extensions?.code).toBe('READ_ONLY_TOKEN');
  });

  it('with registered-only documents, a reporting token runs a trusted document by hash and nothing else', async () => {
    const document = `query MonthlyByCity { queryCounts(groupBy: [CITY, MONTH]) { total rows { cityId month count } } }`;
    const hash = createHash('sha256').update(document).digest('hex');
    const gateway = await startTrustedOnlyGateway({ [`sha256:${hash}`]: document });
    try {
      const post = async (body: Record<string, unknown>, token?: string) => {
        const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
        return { status: response.status, ...((await response.json()) as { data?: any; errors?: Array<{ extensions?: { code?: string } }> }) };
      };
      const trusted = await post({ documentId: `sha256:${hash}` }, reportingAccess);
      expect(trusted.errors).toBeUndefined();
      expect(trusted.data.queryCounts.total).toBeGreaterThanOrEqual(2);
      const freeForm = await post({ query: '{ queryCounts(groupBy: [CITY]) { total } }' }, reportingAccess);
      expect(freeForm.status).toBe(403);
      expect(freeForm.errors?.[0]?.extensions?.code).toBe('TRUSTED_DOCUMENT_REQUIRED');
      expect((await post({ documentId: `sha256:${'0'.repeat(64)}` }, reportingAccess)).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      // Officials signing in to the console are not reporting tokens: their queries still run.
      const official = await post({ query: '{ queryCounts(groupBy: [CITY]) { total } }' }, await tokenOf('taoyuan', 'AUDITOR'));
      expect(official.errors).toBeUndefined();
    } finally {
      await gateway.stop();
    }
  });
});

describe('row-level security alone', () => {
  it('the query-log app role with only app.city_ids and app.service sees those cities’ rows of that service', async () => {
    const secrets = await platformSecrets();
    const url = new URL(platform().databaseOwnerUrl);
    url.username = appRoleName('query_log');
    url.password = secrets.appRolePassword;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`select set_config('app.city_ids', 'changhua,tainan', true), set_config('app.service', 'labor-insurance', true)`);
      const rows = (await client.query(`select id, city_id, item_key from query_log.query_record`)).rows;
      expect(rows.map((row) => row.id)).toContain(recorded.changhua);
      expect(rows.every((row) => ['changhua', 'tainan'].includes(row.city_id) && row.item_key.startsWith('labor-insurance:'))).toBe(true);
      expect(rows.map((row) => row.id)).not.toContain(recorded.taoyuan);
      expect(rows.map((row) => row.id)).not.toContain(recorded.tainan);
      await client.query('ROLLBACK');
      expect((await client.query(`select count(*)::int as n from query_log.query_record`)).rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** A second gateway on the same platform, accepting only registered documents from reporting tokens. */
async function startTrustedOnlyGateway(documents: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }> {
  const secrets = await platformSecrets();
  const dir = mkdtempSync(join(tmpdir(), 'custos-trusted-'));
  const file = join(dir, 'trusted-documents.json');
  writeFileSync(file, JSON.stringify(documents));
  const port = await freePort();
  const urls = platform().subgraphUrls;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: fileURLToPath(new URL('../../gateway/', import.meta.url)),
    env: {
      ...process.env,
      NODE_ENV: 'test',
      APOLLO_TELEMETRY_DISABLED: '1',
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: String(port),
      GATEWAY_SIGNING_KEY: JSON.stringify(secrets.gatewaySigningKey.privateJwk),
      IDENTITY_JWKS_URL: urls.identity.replace('/graphql', '/.well-known/jwks.json'),
      IDENTITY_URL: urls.identity,
      PERMISSIONS_URL: urls.permissions,
      QUERY_LOG_URL: urls.queryLog,
      AUDIT_URL: urls.audit,
      TRUSTED_DOCUMENTS_FILE: file,
      TRUSTED_DOCUMENTS_ONLY_FOR_REPORTING_TOKENS: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gateway exited: ${output.join('')}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`gateway did not start: ${output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
