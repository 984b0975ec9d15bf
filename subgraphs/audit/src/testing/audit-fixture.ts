import type { Role } from '@custos/auth';
import type { RunningScopedSubgraph } from '@custos/tenancy';
import { installAgencyDirectoryStandIn, runSchemaMigrations } from '@custos/tenancy';
import { createSubgraphClient, createTestDatabase, createTestKeys, type GraphQLResponse, type TestDatabase } from '@custos/testkit';
import { randomUUID } from 'node:crypto';
import { auditMigrations, migrateAudit } from '../migrations';
import { startAudit } from '../server';

export type TestPrincipal = {
  kind: 'account';
  accountId: string;
  personId: string;
  cityId: string;
  agencyId: string;
  roles: Role[];
};

/** A signed-in caller of `cityId` with `roles`; pass `accountId` to act as the same person again. */
export function buildPrincipal(cityId: string, roles: Role[], overrides: Partial<TestPrincipal> = {}): TestPrincipal {
  return { kind: 'account', accountId: randomUUID(), personId: randomUUID(), cityId, agencyId: randomUUID(), roles, ...overrides };
}

export interface AuditFixture {
  db: TestDatabase;
  audit: RunningScopedSubgraph;
  execute<TData = any>(query: string, variables: Record<string, unknown>, principal: TestPrincipal): Promise<GraphQLResponse<TData>>;
  stop(): Promise<void>;
}

/** Rows a migration test writes (as the owner) before `migration` runs, as they were before it. */
export interface SeedBeforeMigration {
  migration: (typeof auditMigrations)[number];
  seed(db: TestDatabase): Promise<void>;
}

/**
 * A fresh database with the audit schema (and whatever `beforeStart` adds as the owner), the audit
 * subgraph on a free port, and a client that signs requests the way the gateway does. With
 * `seedBeforeMigration`, the migrations before the one named run first, then the seed, then the rest.
 */
export async function startAuditFixture(
  options: { beforeStart?: (db: TestDatabase) => Promise<void>; seedBeforeMigration?: SeedBeforeMigration } = {},
): Promise<AuditFixture> {
  const db = await createTestDatabase('audit');
  if (options.seedBeforeMigration) {
    const at = auditMigrations.indexOf(options.seedBeforeMigration.migration);
    if (at < 0) throw new Error('seedBeforeMigration names a migration that is not one of auditMigrations');
    await runSchemaMigrations(db.ownerUrl, 'audit', auditMigrations.slice(0, at));
    await options.seedBeforeMigration.seed(db);
  }
  await migrateAudit(db.ownerUrl);
  // Identity's agency directory, as a stand-in: the agencies of the records tests seed (query-log-contract.ts).
  await installAgencyDirectoryStandIn((sql, params) => db.query(sql, params));
  await options.beforeStart?.(db);
  const keys = await createTestKeys();
  const audit = await startAudit({
    NODE_ENV: 'test',
    SUBGRAPH_HOST: '127.0.0.1',
    SUBGRAPH_PORT: 0,
    SUBGRAPH_DATABASE_URL: db.appUrl('audit'),
    SUBGRAPH_POOL_SIZE: 3,
    GATEWAY_PUBLIC_KEY: keys.gateway.publicJwk as Record<string, unknown>,
  });
  const client = await createSubgraphClient(audit.url, keys.gateway.privateJwk);
  return {
    db,
    audit,
    execute: (query, variables, principal) => client.execute(query, variables, principal),
    async stop() {
      await audit.stop();
      await db.drop();
    },
  };
}

/** The data of a response that must have succeeded; fails the test with the errors otherwise. */
export function dataOf<T = any>(response: GraphQLResponse<T>): T {
  if (response.errors?.length || !response.data) throw new Error(`unexpected errors: ${JSON.stringify(response.errors)}`);
  return response.data;
}

/** The code of the first error of a response that must have failed. */
export function errorCode(response: GraphQLResponse): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}
