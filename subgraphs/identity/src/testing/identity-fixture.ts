import { createDemoCertificates, type DemoCertificates } from '@custos/demo';
import { createSubgraphClient, createTestDatabase, createTestKeys, QueryCounter, type TestDatabase, type TestKeys } from '@custos/testkit';
import type { RunningScopedSubgraph } from '@custos/tenancy';
import { migrateIdentity } from '../migrations';
import { seedIdentityDemo } from '../seed/demo-seed';
import { startIdentity } from '../server';
import type { LoginPolicies } from '../login/login-policy';

export interface IdentityFixture {
  db: TestDatabase;
  keys: TestKeys;
  certificates: DemoCertificates;
  identity: RunningScopedSubgraph;
  client: Awaited<ReturnType<typeof createSubgraphClient>>;
  queries: QueryCounter;
  stop(): Promise<void>;
}

/** A migrated, demo-seeded identity subgraph on its own database, served over HTTP on a free port. */
export async function startIdentityFixture(options: { loginPolicies?: LoginPolicies; certificateUsers?: string[] } = {}): Promise<IdentityFixture> {
  const db = await createTestDatabase('identity');
  await migrateIdentity(db.ownerUrl);
  const certificates = await createDemoCertificates(options.certificateUsers);
  await seedIdentityDemo(db.ownerUrl, { certificateFingerprints: certificates.fingerprints });
  const keys = await createTestKeys();
  const queries = new QueryCounter();
  const identity = await startIdentity(
    {
      NODE_ENV: 'test',
      SUBGRAPH_HOST: '127.0.0.1',
      SUBGRAPH_PORT: 0,
      SUBGRAPH_DATABASE_URL: db.appUrl('identity'),
      SUBGRAPH_POOL_SIZE: 5,
      GATEWAY_PUBLIC_KEY: keys.gateway.publicJwk as Record<string, unknown>,
      IDENTITY_SIGNING_KEY: keys.identity.privateJwk as Record<string, unknown>,
      TRUSTED_CA_CERTIFICATES: certificates.caCertificatePem,
      ACCESS_TOKEN_TTL_SECONDS: 900,
      CERTIFICATE_CHALLENGE_TTL_SECONDS: 120,
    },
    { logger: queries, loginPolicies: options.loginPolicies },
  );
  const client = await createSubgraphClient(identity.url, keys.gateway.privateJwk);
  return {
    db, keys, certificates, identity, client, queries,
    async stop() {
      await identity.stop();
      await db.drop();
    },
  };
}
