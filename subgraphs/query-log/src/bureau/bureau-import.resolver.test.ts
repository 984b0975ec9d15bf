import { readFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubjectHasher } from '../identifiers/subject';
import { bureauCsvChunks, generateQueries, validNationalIds } from '../testing/bench-data';
import { official, startQueryLogFixture, type QueryLogFixture, type TestOfficial } from '../testing/query-log-fixture';
import { importBureauRecords, type ImportProgress } from './bureau-import';

const SAMPLE = readFileSync(new URL('../../fixtures/bureau-records-sample.csv', import.meta.url), 'utf8');
const IMPORT = `mutation ($fileName: String!, $csv: String!, $agencyId: ID) { importBureauRecords(fileName: $fileName, csv: $csv, agencyId: $agencyId) { id status fileName totalBytes } }`;
const JOB = `query ($id: ID!) { bureauImportJob(id: $id) { id status phase progress bytesRead totalBytes rowsRead rowsInserted rowsDuplicate rowsUnknownAccount fileSha256 errors { line field message } } }`;
const JOBS = `query { bureauImportJobs(first: 50) { id status } }`;

let f: QueryLogFixture;
let admin: TestOfficial;
let clerk: TestOfficial;
let head: TestOfficial;

beforeAll(async () => {
  f = await startQueryLogFixture();
  const agencyId = randomUUID();
  const unitId = randomUUID();
  admin = official(f.platform, 'taoyuan', ['AGENCY_ADMIN'], { agencyId, unitId: null, username: 'taoyuan.agencyadmin' });
  clerk = official(f.platform, 'taoyuan', ['CASEWORKER'], { agencyId, unitId, username: 'taoyuan.clerk' });
  head = official(f.platform, 'taoyuan', ['UNIT_HEAD'], { agencyId, unitId, username: 'taoyuan.head' });
});
afterAll(async () => {
  await f?.stop();
});

/** Imports through GraphQL and polls the job until it is done, as the console does. */
async function importFile(csv: string, who: TestOfficial = admin, fileName = 'records.csv') {
  const started = await f.client.execute(IMPORT, { fileName, csv }, who.principal);
  if (!started.data) return started;
  expect(started.data.importBureauRecords.status).toBe('QUEUED');
  for (;;) {
    const polled = await f.client.execute(JOB, { id: started.data.importBureauRecords.id }, who.principal);
    const job = polled.data.bureauImportJob;
    if (job.status === 'SUCCEEDED' || job.status === 'FAILED') return { data: { job } };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function bureauCount(): Promise<number> {
  return (await f.db.query(`select count(*)::int as n from query_log.bureau_record`)).rows[0].n;
}

describe('importing the bureau’s records', () => {
  it('imports the documented sample: user names mapped to accounts, subjects hashed and masked', async () => {
    const result: any = await importFile(SAMPLE, admin, 'bureau-records-sample.csv');
    expect(result.data.job).toMatchObject({ status: 'SUCCEEDED', phase: 'DONE', progress: 1, rowsRead: 7, rowsInserted: 7, rowsDuplicate: 0, rowsUnknownAccount: 1, errors: [] });
    expect(result.data.job.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.data.job.bytesRead).toBe(Buffer.byteLength(SAMPLE));
    const rows = (await f.db.query(`select * from query_log.bureau_record where city_id = 'taoyuan' order by record_id`)).rows;
    expect(rows).toHaveLength(7);
    expect(rows[0]).toMatchObject({ record_id: 'WEBIR-20261005-000101', account_id: clerk.accountId, unit_id: clerk.unitId, agency_id: admin.agencyId, item_code: 'C0101', subject_masked: 'A12*****89' });
    expect(rows.find((row) => row.user_account === 'taoyuan.head')).toMatchObject({ account_id: head.accountId, subject_kind: 'BUSINESS_NUMBER', subject_masked: '045***57' });
    expect(rows.find((row) => row.user_account === 'taoyuan.retired')).toMatchObject({ account_id: null, agency_id: admin.agencyId });
    expect(new Date(rows.find((row) => row.record_id === 'WEBIR-20261015-001204').queried_at).toISOString()).toBe('2026-10-15T03:20:31.000Z');
    expect(new Date(rows[0].queried_at).toISOString()).toBe('2026-10-05T01:12:44.000Z'); // Taiwan time
    expect(JSON.stringify(rows)).not.toMatch(/A123456789|04595257|H220131506/);
  });

  it('importing the same file again adds nothing', async () => {
    const before = await bureauCount();
    const again: any = await importFile(SAMPLE);
    expect(again.data.job).toMatchObject({ status: 'SUCCEEDED', rowsRead: 7, rowsInserted: 0, rowsDuplicate: 7 });
    expect(await bureauCount()).toBe(before);
  });

  it('a file repeating a record keeps it once; a record id reused with other content rejects the whole file', async () => {
    const header = 'record_id,queried_at,user_account,service,item_code,subject_id';
    const line = 'DUP-1,2026-10-02 09:00:00,taoyuan.clerk,labor-insurance,C0101,A123456789';
    const repeated: any = await importFile([header, line, line, 'DUP-2,2026-10-02 10:00:00,taoyuan.clerk,labor-insurance,C0101,A123456789'].join('\n'));
    expect(repeated.data.job).toMatchObject({ status: 'SUCCEEDED', rowsRead: 3, rowsInserted: 2, rowsDuplicate: 1 });
    const before = await bureauCount();
    const conflicting: any = await importFile([header, 'NEW-1,2026-10-03 09:00:00,taoyuan.clerk,labor-insurance,C0101,A123456789', 'DUP-1,2026-10-02 09:00:00,taoyuan.clerk,labor-insurance,C0201,A123456789'].join('\n'));
    expect(conflicting.data.job).toMatchObject({ status: 'FAILED', rowsInserted: 0 });
    expect(conflicting.data.job.errors).toEqual([expect.objectContaining({ line: 3, field: 'record_id', message: expect.stringMatching(/DUP-1 was already imported.*different content/) })]);
    expect(await bureauCount()).toBe(before);
  });

  it('rejects a malformed file whole, naming each bad line and field, and writes nothing', async () => {
    const before = await bureauCount();
    const csv = [
      'record_id,queried_at,user_account,service,item_code,subject_id',
      'OK-1,2026-10-04 09:00:00,taoyuan.clerk,labor-insurance,C0101,A123456789',
      'BAD-2,2026-10-04 09:00:00,taoyuan.clerk,labor-insurance,C0101,A123456788',
      'BAD-3,2026-13-04 09:00:00,taoyuan.clerk,labor-insurance,C0101,A123456789',
      'BAD-4,2026-10-04 09:00:00,taoyuan.clerk,labor-insurance,Z9999,A123456789',
      'BAD-5,2026-10-04 09:00:00,taoyuan.clerk,labor-insurance,C0101',
      'BAD 6,2026-10-04 09:00:00,taoyuan.clerk,labor-insurance,C0101,A123456789',
      'BAD-7,2026-10-04 09:00:00,taoyuan.clerk,dental-insurance,C0101,A123456789',
      'BAD-8,2026-10-04 09:00:00,taoyuan.clerk,labor-insurance,C0401,0459525',
    ].join('\r\n');
    const result: any = await importFile(csv);
    expect(result.data.job.status).toBe('FAILED');
    expect(result.data.job.errors.map((error: { line: number; field: string | null }) => [error.line, error.field])).toEqual([
      [3, 'subject_id'],
      [4, 'queried_at'],
      [5, 'item_code'],
      [6, null],
      [7, 'record_id'],
      [8, 'service'],
      [9, 'subject_id'],
    ]);
    expect(result.data.job.errors[0].message).toMatch(/Line 3, subject_id: .*check digit.*\(CHECKSUM\)/);
    expect(result.data.job.errors[6].message).toMatch(/\(LENGTH\)/);
    expect(await bureauCount()).toBe(before);
  });

  it('rejects a wrong header, an unclosed quote and an empty file', async () => {
    const header = await importFile('id,time,user,service,item,subject\nX,2026-10-01 09:00:00,u,labor-insurance,C0101,A123456789\n');
    expect((header as any).data.job.errors[0]).toMatchObject({ line: 1, field: null, message: expect.stringMatching(/missing record_id/) });
    const quote = await importFile('record_id,queried_at,user_account,service,item_code,subject_id\nQ-1,2026-10-01 09:00:00,taoyuan.clerk,labor-insurance,C0101,"A123456789\n');
    expect((quote as any).data.job.errors[0]).toMatchObject({ line: 2, message: expect.stringMatching(/never closed/) });
    const onlyHeader = await importFile('record_id,queried_at,user_account,service,item_code,subject_id\n');
    expect((onlyHeader as any).data.job.errors[0].message).toMatch(/no records/);
    const empty = await f.client.execute(IMPORT, { fileName: 'x.csv', csv: '  ' }, admin.principal);
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'EMPTY_FILE', field: 'csv' });
  });

  it('only agency admins (own agency) and top admins import; jobs of other agencies and cities stay hidden', async () => {
    const byClerk = await f.client.execute(IMPORT, { fileName: 'x.csv', csv: SAMPLE }, clerk.principal);
    expect(byClerk.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const otherAgency = await f.client.execute(IMPORT, { fileName: 'x.csv', csv: SAMPLE, agencyId: randomUUID() }, admin.principal);
    expect(otherAgency.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const jobs = await f.client.execute(JOBS, {}, admin.principal);
    expect(jobs.data.bureauImportJobs.length).toBeGreaterThan(3);
    const otherAdmin = official(f.platform, 'taoyuan', ['AGENCY_ADMIN']);
    expect((await f.client.execute(JOBS, {}, otherAdmin.principal)).data.bureauImportJobs).toEqual([]);
    const firstJob = jobs.data.bureauImportJobs[0].id;
    expect((await f.client.execute(JOB, { id: firstJob }, otherAdmin.principal)).data.bureauImportJob).toBeNull();
    expect((await f.client.execute(JOB, { id: firstJob }, { ...admin.principal, cityId: 'tainan' })).data.bureauImportJob).toBeNull();
  });
});

describe('the streaming import', () => {
  it('reports progress while reading a larger file, and keeps a repeated subject’s hash identical', async () => {
    const hasher = new SubjectHasher({ taoyuan: randomBytes(32).toString('base64url') });
    const queries = generateQueries(45_000, { users: ['taoyuan.clerk'], subjects: validNationalIds(500), month: '2026-09' });
    const progress: ImportProgress[] = [];
    const runner = f.queryLog.dataSource.createQueryRunner();
    const client = await runner.connect();
    try {
      await client.query('BEGIN');
      await client.query(`select set_config('app.city_id', 'taoyuan', true)`);
      const outcome = await importBureauRecords(client, Readable.from(bureauCsvChunks(queries)), {
        cityId: 'taoyuan', agencyId: randomUUID(), jobId: randomUUID(), hasher, directory: [], now: new Date('2026-11-25T00:00:00Z'), onProgress: (p) => progress.push(p),
      });
      expect(outcome).toMatchObject({ rowsRead: 45_000, rowsInserted: 45_000, rowsUnknownAccount: 45_000 });
      const reading = progress.filter((p) => p.phase === 'READING');
      expect(reading.length).toBeGreaterThanOrEqual(3);
      expect(reading.map((p) => p.rowsRead)).toEqual([...reading.map((p) => p.rowsRead)].sort((a, b) => a - b));
      expect(progress.map((p) => p.phase)).toContain('INSERTING');
      const [{ n }] = (await client.query(`select count(distinct subject_hash)::int as n from query_log.bureau_record where record_id like 'WEBIR-202609-%'`)).rows;
      expect(n).toBeLessThanOrEqual(500);
    } finally {
      await client.query('ROLLBACK');
      await runner.release();
    }
  });
});
