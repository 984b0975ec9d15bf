/**
 * Query decisions through the gateway: the exact query the query log sends for every recorded query
 * (`me { queryDecision(...) }`: identity resolves the account, permissions decides), at 200
 * concurrent requests, with the decision-inputs cache warm (one official asking again and again)
 * and cold (every request a different official of a different agency, never seen before), against
 * a baseline measured in the same run: a trivial query through the gateway (`me { id }`, one
 * subgraph fetch). Prints decisions/s, p50/p99 and the ratios. Target (issue 5): p99 under 5 ms.
 *
 *   pnpm --filter @custos/bench exec tsx src/decision-bench.ts        (BENCH_SECONDS, BENCH_CONCURRENCY to change)
 */
import { createAccessTokenSigner, createGatewayAssertionSigner, GATEWAY_ASSERTION_HEADER, graphqlRequestHash, type JWK, type Principal } from '@custos/auth';
import { demoAgencyId, demoUnitId } from '@custos/demo';
import { loadOrCreateSecrets, startPlatform } from '@custos/platform';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
/** Officials for the cold run: more than the cold run can ask about, so none is asked twice. */
const COLD_OFFICIALS = Number(process.env.BENCH_COLD_OFFICIALS ?? 12_000);
const CITY = 'taoyuan';
const ITEM = 'labor-insurance:C0101:unspecified';

const DECISION = `query ($item: ID!, $at: DateTimeISO, $purpose: String, $net: String, $pre: Boolean) { me { queryDecision(itemKey: $item, at: $at, purpose: $purpose, networkAddress: $net, preApprovalApproved: $pre) { allowed reasons { code message citation } ruleVersion } } }`;
const BASELINE = '{ me { id } }';
/** What the gateway sends the permissions subgraph for the decision (the account's facts come from identity). */
const ENTITY_DECISION = `query ($representations: [_Any!]!, $item: ID!, $purpose: String) { _entities(representations: $representations) { ... on Account { queryDecision(itemKey: $item, purpose: $purpose) { allowed reasons { code message citation } ruleVersion } } } }`;

interface Result {
  name: string;
  requests: number;
  failures: number;
  perSecond: number;
  p50: number;
  p99: number;
}

async function post(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: any; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** `CONCURRENCY` callers in a closed loop for `SECONDS`; each call gets its own index. */
async function measure(name: string, call: (index: number) => Promise<void>, seconds = SECONDS): Promise<Result> {
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  let next = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const index = next++;
        const begin = performance.now();
        try {
          await call(index);
          latencies.push(performance.now() - begin);
        } catch (error) {
          // Counted and shown, never hidden in the latencies: a failed request is not a fast one.
          const message = error instanceof Error ? error.message.slice(0, 160) : String(error);
          errors.set(message, (errors.get(message) ?? 0) + 1);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const failures = [...errors.values()].reduce((total, n) => total + n, 0);
  const result = { name, requests: latencies.length, failures, perSecond: latencies.length / elapsed, p50: latencies[Math.floor(latencies.length * 0.5)] ?? NaN, p99: latencies[Math.floor(latencies.length * 0.99)] ?? NaN };
  console.log(
    `${name.padEnd(46)} ${result.perSecond.toFixed(0).padStart(6)} req/s   p50 ${result.p50.toFixed(1).padStart(6)} ms   p99 ${result.p99.toFixed(1).padStart(6)} ms   (${result.requests} ok, ${failures} failed)`,
  );
  for (const [message, count] of errors) console.log(`    ${count} × ${message}`);
  return result;
}

/**
 * Officials for the cold run, straight into the database as the owner: each in an agency of its own
 * (so neither the account's nor the agency's decision inputs are cached), each agency holding the
 * item for a registered business item, each official holding it.
 */
async function seedColdOfficials(ownerUrl: string, count: number): Promise<Array<{ accountId: string; personId: string; agencyId: string }>> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const ids = (prefix: string) => `md5('${prefix}' || n)::uuid`;
    await client.query('BEGIN');
    await client.query(`INSERT INTO identity.agency (id, city_id, parent_id, kind, name) SELECT ${ids('agency')}, $1, $2, 'USING', 'bench agency ' || n FROM generate_series(1, $3) n`, [CITY, demoAgencyId(CITY, 'governing'), count]);
    await client.query(`INSERT INTO identity.person (id, city_id, display_name) SELECT ${ids('person')}, $1, 'bench ' || n FROM generate_series(1, $2) n`, [CITY, count]);
    await client.query(
      `INSERT INTO identity.account (id, city_id, person_id, agency_id, username, roles) SELECT ${ids('account')}, $1, ${ids('person')}, ${ids('agency')}, 'bench.' || n, '{CASEWORKER}' FROM generate_series(1, $2) n`,
      [CITY, count],
    );
    await client.query(`INSERT INTO permissions.legal_basis (id, city_id, kind, category, laws_zh, purpose_zh, effective_from) VALUES (md5('bench-basis')::uuid, $1, 'law', 'social', '社會救助法', '社會救助', '2016-03-28')`, [CITY]);
    await client.query(
      `INSERT INTO permissions.business_item (id, city_id, agency_id, unit_ids, legal_basis_id, name_zh, purpose_zh, item_keys, registered_at)
       SELECT ${ids('business')}, $1, ${ids('agency')}, ARRAY[$2::uuid], md5('bench-basis')::uuid, '社會救助資格審核', '社會救助', ARRAY[$3], '2020-01-01' FROM generate_series(1, $4) n`,
      [CITY, demoUnitId(CITY, 'assistance'), ITEM, count],
    );
    await client.query(
      `INSERT INTO permissions.agency_grant (id, city_id, agency_id, item_key, business_item_id, granted_at) SELECT ${ids('agency-grant')}, $1, ${ids('agency')}, $2, ${ids('business')}, '2020-01-01' FROM generate_series(1, $3) n`,
      [CITY, ITEM, count],
    );
    await client.query(
      `INSERT INTO permissions.user_grant (id, city_id, account_id, item_key, granted_at, agency_id, business_item_id) SELECT ${ids('user-grant')}, $1, ${ids('account')}, $2, '2020-01-02', ${ids('agency')}, ${ids('business')} FROM generate_series(1, $3) n`,
      [CITY, ITEM, count],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE identity.account, identity.person, identity.agency, permissions.user_grant, permissions.agency_grant, permissions.business_item');
    const { rows } = await client.query(`SELECT ${ids('account')}::text AS "accountId", ${ids('person')}::text AS "personId", ${ids('agency')}::text AS "agencyId" FROM generate_series(1, $1) n ORDER BY n`, [count]);
    return rows;
  } finally {
    await client.end();
  }
}

const dataRoot = mkdtempSync(join(tmpdir(), 'custos-bench-'));
chmodSync(dataRoot, 0o755);
const platform = await startPlatform({ dataRoot, databaseUrl: process.env.DATABASE_URL, databaseName: `custos_bench_${process.pid}`, demo: true, ports: 'free', echo: process.env.BENCH_ECHO === '1' });
try {
  const secrets = await loadOrCreateSecrets(dataRoot);
  const signer = await createAccessTokenSigner(secrets.identitySigningKey.privateJwk as JWK);
  console.log(`seeding ${COLD_OFFICIALS.toLocaleString()} officials, each in an agency of its own, for the cold run…`);
  const cold = await seedColdOfficials(platform.databaseOwnerUrl, COLD_OFFICIALS);
  const coldTokens = await Promise.all(
    cold.map(async (official) => (await signer.sign({ kind: 'account', accountId: official.accountId, personId: official.personId, cityId: CITY, agencyId: official.agencyId, roles: ['CASEWORKER'] }, 3_600)).token),
  );
  const warm = cold[0]!;
  const warmToken = coldTokens[0]!;
  const url = platform.gatewayUrl;
  const variables = { item: ITEM, purpose: '社會救助資格審核' };

  // Every answer must be a real decision, and allowed: a fast wrong answer is no answer.
  const check = await post(url, warmToken, DECISION, variables);
  if (!check.me.queryDecision.allowed) throw new Error(`the bench official is refused: ${JSON.stringify(check.me.queryDecision)}`);

  // The permissions subgraph alone, called as the gateway calls it (signed assertion, the account's facts in the representation).
  const assertions = await createGatewayAssertionSigner(secrets.gatewaySigningKey.privateJwk as JWK);
  const direct = async (official: (typeof cold)[number]) => {
    const principal: Principal = { kind: 'account', accountId: official.accountId, personId: official.personId, cityId: CITY, agencyId: official.agencyId, roles: ['CASEWORKER'] };
    const body = { query: ENTITY_DECISION, variables: { ...variables, representations: [{ __typename: 'Account', id: official.accountId, status: 'ACTIVE', isVendorStaff: false, agencyId: official.agencyId, unitId: null }] } };
    const response = await fetch(platform.subgraphUrls.permissions, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [GATEWAY_ASSERTION_HEADER]: await assertions.sign({ principal, requestHash: graphqlRequestHash(body.query, body.variables) }) },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { data?: any; errors?: unknown };
    if (json.errors || !json.data._entities[0].queryDecision.allowed) throw new Error(JSON.stringify(json.errors ?? json.data));
  };

  console.log(`\nconcurrency ${CONCURRENCY}, ${SECONDS} s per run, 2 shared cores (client, gateway, subgraphs and PostgreSQL together)\n`);
  await measure('warm-up', async () => void (await post(url, warmToken, BASELINE)), 2);
  const baseline = await measure('baseline: { me { id } } through the gateway', async () => void (await post(url, warmToken, BASELINE)));
  const warmRun = await measure('decision, cache warm (one official)', async () => {
    const data = await post(url, warmToken, DECISION, variables);
    if (!data.me.queryDecision.allowed) throw new Error('refused');
  });
  let coldUsed = 0;
  const coldRun = await measure('decision, cache cold (a new official each)', async (index) => {
    if (index >= coldTokens.length - 1) throw new Error(`raise BENCH_COLD_OFFICIALS: the cold run needs more than ${coldTokens.length} officials`);
    coldUsed = Math.max(coldUsed, index + 1);
    const data = await post(url, coldTokens[index + 1]!, DECISION, variables);
    if (!data.me.queryDecision.allowed) throw new Error('refused');
  });
  const coldOffset = coldUsed + 1;
  const subgraphWarm = await measure('permissions subgraph alone, cache warm', () => direct(warm));
  let subgraphCold = 0;
  const subgraphColdRun = await measure('permissions subgraph alone, cache cold', async (index) => {
    const official = cold[coldOffset + index];
    if (!official) throw new Error(`raise BENCH_COLD_OFFICIALS: the cold runs need more than ${cold.length} officials`);
    subgraphCold = index + 1;
    await direct(official);
  });
  console.log(`\n(cold runs used ${(coldUsed + subgraphCold).toLocaleString()} distinct officials and agencies)`);
  console.log(`subgraph alone: warm p99 ${subgraphWarm.p99.toFixed(1)} ms, cold p99 ${subgraphColdRun.p99.toFixed(1)} ms`);
  const ratio = (run: Result) => `throughput ${(run.perSecond / baseline.perSecond).toFixed(2)} × baseline, p99 ${(run.p99 / baseline.p99).toFixed(2)} × baseline`;
  console.log(`warm decision: ${ratio(warmRun)}`);
  console.log(`cold decision: ${ratio(coldRun)}`);
  console.log(`target p99 < 5 ms at ${CONCURRENCY} concurrent: warm ${warmRun.p99 < 5 ? 'met' : 'NOT met'} (${warmRun.p99.toFixed(1)} ms), cold ${coldRun.p99 < 5 ? 'met' : 'NOT met'} (${coldRun.p99.toFixed(1)} ms)`);
  console.log(`(at ${CONCURRENCY} requests in flight, latency ≈ ${CONCURRENCY} / throughput: ${((CONCURRENCY / warmRun.perSecond) * 1000).toFixed(0)} ms at the warm throughput)`);
} finally {
  await platform.stop();
  rmSync(dataRoot, { recursive: true, force: true });
}
