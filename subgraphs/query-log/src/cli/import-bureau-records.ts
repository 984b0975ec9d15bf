/**
 * Imports a bureau query records CSV (docs/bureau-records-csv.md) of any size from the command line,
 * with a progress bar, through the same code as the console's import. The service's environment
 * (SUBGRAPH_DATABASE_URL, SUBJECT_HASH_KEYS, GATEWAY_URL, …) must be set; the importing official is
 * named by an access token (log in through the console or the gateway), and must be an agency admin
 * (their agency) or the top admin (any agency, --agency).
 *
 *   pnpm --filter @custos/query-log import-bureau -- --file ./records.csv --token "$TOKEN" [--agency <agency id>]
 */
import { createSubgraphDataSource } from '@custos/tenancy';
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { findJob, insertJob } from '../bureau/bureau-import-job';
import { BureauImportRunner } from '../bureau/bureau-import.runner';
import { loadQueryLogConfig } from '../env';
import { SubjectHasher } from '../identifiers/subject';
import type { DirectoryAccount } from '../platform/platform-gateway';

const { values } = parseArgs({ options: { file: { type: 'string' }, token: { type: 'string' }, agency: { type: 'string' }, help: { type: 'boolean' } } });
if (values.help || !values.file || !values.token) {
  console.error('usage: import-bureau --file <records.csv> --token <access token> [--agency <agency id>]');
  process.exit(values.help ? 0 : 64);
}
const config = loadQueryLogConfig();
if (!config.GATEWAY_URL) {
  console.error('GATEWAY_URL is not set: the importing official and the account directory are asked there.');
  process.exit(78);
}

async function ask<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(config.GATEWAY_URL!, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${values.token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (body.errors?.length || !body.data) throw new Error(body.errors?.[0]?.message ?? `the gateway answered ${response.status}`);
  return body.data;
}

const { me } = await ask<{ me: { id: string; agencyId: string; roles: string[]; status: string; city: { id: string } } }>(`{ me { id agencyId roles status city { id } } }`);
if (me.status !== 'ACTIVE' || !me.roles.some((role) => role === 'AGENCY_ADMIN' || role === 'TOP_ADMIN')) {
  console.error('Only an active agency admin or top admin imports the bureau’s records.');
  process.exit(77);
}
const agencyId = values.agency ?? me.agencyId;
if (agencyId !== me.agencyId && !me.roles.includes('TOP_ADMIN')) {
  console.error('An agency admin imports the records of their own agency only.');
  process.exit(77);
}
const directory: DirectoryAccount[] = [];
for (let after: string | null = null; ; ) {
  const page: { accounts: { nodes: DirectoryAccount[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await ask(
    `query ($after: String) { accounts(first: 100, after: $after) { nodes { id username agencyId unitId } pageInfo { hasNextPage endCursor } } }`,
    { after },
  );
  directory.push(...page.accounts.nodes);
  if (!page.accounts.pageInfo.hasNextPage) break;
  after = page.accounts.pageInfo.endCursor;
}

const cityId = me.city.id;
const totalBytes = statSync(values.file).size;
const dataSource = await createSubgraphDataSource({ url: config.SUBGRAPH_DATABASE_URL, schema: 'query_log', entities: [], poolSize: 3 });
const runner = new BureauImportRunner(dataSource, new SubjectHasher(config.SUBJECT_HASH_KEYS));
try {
  const job = await dataSource.transaction(async (manager) => {
    await manager.query(`select set_config('app.city_id', $1, true)`, [cityId]);
    return insertJob(manager, { id: randomUUID(), cityId, agencyId, startedBy: me.id, fileName: basename(values.file!), totalBytes }, new Date());
  });
  console.error(`import ${job.id}: ${basename(values.file)} (${(totalBytes / 1e6).toFixed(1)} MB) for agency ${agencyId}, ${directory.length} accounts known`);
  const done = runner.enqueue({ job, directory, source: () => createReadStream(values.file!, { highWaterMark: 256 * 1024 }) });
  const show = async () => {
    const current = await dataSource.transaction(async (manager) => {
      await manager.query(`select set_config('app.city_id', $1, true)`, [cityId]);
      return findJob(manager, cityId, job.id);
    });
    if (!current) return null;
    const share = current.status === 'SUCCEEDED' ? 1 : current.bytesRead / totalBytes;
    const bar = '#'.repeat(Math.round(share * 30)).padEnd(30, '.');
    process.stderr.write(`\r[${bar}] ${(share * 100).toFixed(0).padStart(3)}%  ${current.phase.padEnd(9)} ${current.rowsRead.toLocaleString()} rows`);
    return current;
  };
  const timer = setInterval(() => void show(), 500);
  await done;
  clearInterval(timer);
  const final = await show();
  process.stderr.write('\n');
  if (final?.status === 'SUCCEEDED') {
    console.log(`imported: ${final.rowsInserted} new, ${final.rowsDuplicate} already there, ${final.rowsUnknownAccount} with an unknown user name (sha256 ${final.fileSha256})`);
  } else {
    console.error('rejected, nothing imported:');
    for (const problem of final?.errors ?? []) console.error(`  ${problem.message}`);
    process.exitCode = 65;
  }
} finally {
  await runner.stop();
  await dataSource.destroy();
}
