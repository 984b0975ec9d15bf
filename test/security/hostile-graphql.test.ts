import { describe, expect, it } from 'vitest';
import { gql } from '../support/gateway-client';
import { platform } from '../support/platform';

/** The gateway runs in production mode here, as it does for users. Each refusal, then proof it still serves. */
async function stillHealthy() {
  const result = await gql('{ cities { id } }');
  expect(result.data?.cities.map((city: { id: string }) => city.id)).toEqual(expect.arrayContaining(['taipei', 'taoyuan', 'changhua', 'tainan']));
}

describe('hostile GraphQL at the gateway', () => {
  // In production the limits do not reveal themselves: every refusal reads "Query validation error".
  const ARMOR_REFUSAL = /Query validation error/;

  it('refuses a query nested deeper than the limit', async () => {
    let nested = 'id';
    for (let depth = 0; depth < 12; depth += 1) nested = `me { ${nested} }`;
    const result = await gql(`{ ${nested} }`);
    expect(result.errors?.map((error) => error.message).join('\n')).toMatch(ARMOR_REFUSAL);
    await stillHealthy();
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `c${i}: cities { id }`).join(' ');
    const result = await gql(`{ ${aliases} }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0]?.message).toMatch(ARMOR_REFUSAL);
    expect(result.data ?? null).toBeNull();
    await stillHealthy();
  });

  it('refuses too many directives', async () => {
    const directives = Array.from({ length: 60 }, () => '@include(if: true)').join(' ');
    const result = await gql(`{ cities ${directives} { id } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0]?.message).toMatch(ARMOR_REFUSAL);
    await stillHealthy();
  });

  it('refuses a query with too many tokens before doing any work', async () => {
    const fields = Array.from({ length: 2500 }, () => 'id').join(' ');
    const result = await gql(`{ cities { ${fields} } }`);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(result.errors?.[0]?.message).toMatch(/tokens/);
    await stillHealthy();
  });

  it('refuses batched operations', async () => {
    const response = await fetch(platform().gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ cities { id } }' }, { query: '{ cities { id } }' }]),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('BATCHING_NOT_ALLOWED');
  });

  it('refuses an oversized body', async () => {
    const response = await fetch(platform().gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ cities { id } }', variables: { padding: 'x'.repeat(1_200_000) } }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    await stillHealthy();
  });

  it('has introspection off and gives no field suggestions in production', async () => {
    const introspection = await gql('{ __schema { types { name } } }');
    expect(introspection.errors?.[0]?.message).toMatch(/introspection/i);
    const typo = await gql('{ citys { id } }');
    expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it('refuses a GET query (no CSRF through simple requests)', async () => {
    const response = await fetch(`${platform().gatewayUrl}?query=${encodeURIComponent('{ cities { id } }')}`);
    expect(response.status).toBe(405);
  });

  it('refuses a text/plain POST (CSRF prevention)', async () => {
    const response = await fetch(platform().gatewayUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ cities { id } }' }) });
    expect(response.status).toBe(400);
  });
});

describe('page sizes multiplied by nesting and aliases', () => {
  it('refuses, before any subgraph is asked, an operation whose pages multiply past the row budget', async () => {
    const { login } = await import('../support/gateway-client');
    const { demoUser } = await import('../support/platform');
    const token = await login(demoUser('taoyuan', 'TOP_ADMIN'));
    const nested = 'reconciliationRuns(first: $runs) { id items(first: 200, kind: MATCHED) { nodes { __typename } } }';
    const aliases = Array.from({ length: 1 }, (_, i) => `r${i}: ${nested}`).join(' ');
    const refused = await gql(`query ($runs: Int!) { ${aliases} }`, { runs: 200 }, token);
    expect(refused.errors?.[0]?.extensions?.code, JSON.stringify(refused.errors)).toBe('TOO_MANY_ROWS');
    expect(refused.errors?.[0]?.message).toMatch(/rows at once/);
    expect(refused.data ?? null).toBeNull();
    // The same shape with small pages, as the console asks, is served.
    const served = await gql(`query ($runs: Int!) { ${aliases} }`, { runs: 5 }, token);
    expect(served.errors).toBeUndefined();
    await stillHealthy();
  });
});
