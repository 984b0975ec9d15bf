/**
 * Gateway overhead: the `me` query (identity + a permissions entity fetch) through the gateway,
 * against a baseline measured in the same run — the same two subgraph calls made directly with
 * signed assertions. Prints requests/s, p50/p99 latency and the ratio. Run: `pnpm bench`.
 */
import { createGatewayAssertionSigner, GATEWAY_ASSERTION_HEADER, graphqlRequestHash, type JWK, type Principal } from '@custos/auth';
import { DEMO_PASSWORD } from '@custos/demo';
import { loadOrCreateSecrets, startPlatform } from '@custos/platform';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CONCURRENCY = 32;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

async function measure(name: string, call: () => Promise<void>) {
  const latencies: number[] = [];
  const deadline = performance.now() + SECONDS * 1000;
  await call(); // warm up connections and plans
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        await call();
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const result = {
    name,
    requests: latencies.length,
    perSecond: latencies.length / SECONDS,
    p50: latencies[Math.floor(latencies.length * 0.5)]!,
    p99: latencies[Math.floor(latencies.length * 0.99)]!,
  };
  console.log(`${name.padEnd(34)} ${result.perSecond.toFixed(0).padStart(6)} req/s   p50 ${result.p50.toFixed(1)} ms   p99 ${result.p99.toFixed(1)} ms`);
  return result;
}

const dataRoot = mkdtempSync(join(tmpdir(), 'custos-bench-'));
chmodSync(dataRoot, 0o755);
const platform = await startPlatform({ dataRoot, databaseUrl: process.env.DATABASE_URL, databaseName: `custos_bench_${process.pid}`, demo: true, ports: 'free' });
try {
  const post = async (url: string, body: object, headers: Record<string, string> = {}) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const json = (await response.json()) as { errors?: unknown; data?: any };
    if (json.errors) throw new Error(JSON.stringify(json.errors));
    return json.data;
  };
  const login = await post(platform.gatewayUrl, {
    query: `mutation ($input: PasswordLoginInput!) { loginWithPassword(input: $input) { accessToken } }`,
    variables: { input: { cityId: 'taoyuan', username: 'taoyuan.clerk', password: DEMO_PASSWORD } },
  });
  const token: string = login.loginWithPassword.accessToken;
  const me = await post(platform.gatewayUrl, { query: '{ me { id } }' }, { authorization: `Bearer ${token}` });
  const accountId: string = me.me.id;

  const secrets = await loadOrCreateSecrets(dataRoot);
  const signer = await createGatewayAssertionSigner(secrets.gatewaySigningKey.privateJwk as JWK);
  // What the gateway would assert for this caller (identity's `me` and the grants loader need only these).
  const principal: Principal = { kind: 'account', accountId, personId: '', cityId: 'taoyuan', agencyId: '', roles: ['CASEWORKER'] };
  const direct = async (url: string, query: string, variables: Record<string, unknown>) =>
    post(url, { query, variables }, { [GATEWAY_ASSERTION_HEADER]: await signer.sign({ principal, requestHash: graphqlRequestHash(query, variables) }) });

  const identityQuery = '{ me { id username roles person { displayName } agency { name } city { id name } } }';
  const grantsQuery = 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Account { grants { itemKey } } } }';
  console.log(`concurrency ${CONCURRENCY}, ${SECONDS} s per run\n`);
  const baseline = await measure('baseline: subgraphs called directly', async () => {
    await direct(platform.subgraphUrls.identity, identityQuery, {});
    await direct(platform.subgraphUrls.permissions, grantsQuery, { representations: [{ __typename: 'Account', id: accountId }] });
  });
  const gateway = await measure('through the gateway', async () => {
    await post(platform.gatewayUrl, { query: '{ me { id username roles person { displayName } agency { name } city { id name } grants { itemKey } } }' }, { authorization: `Bearer ${token}` });
  });
  console.log(`\nthroughput ratio gateway/baseline: ${(gateway.perSecond / baseline.perSecond).toFixed(2)}   p99 ratio: ${(gateway.p99 / baseline.p99).toFixed(2)}`);
} finally {
  await platform.stop();
  rmSync(dataRoot, { recursive: true, force: true });
}
