import type { AccountPrincipal } from '@custos/auth';
import { createDemoCertificates, demoAgencyId, demoUsers, type DemoCertificates } from '@custos/demo';
import { createSubgraphClient, createTestDatabase, createTestKeys, QueryCounter, type TestDatabase, type TestKeys } from '@custos/testkit';
import type { IdentityConfig } from '../env';
import { migrateIdentity } from '../migrations';
import { seedIdentityDemo } from '../seed/demo-seed';
import { startIdentity, type IdentityOptions, type RunningIdentity } from '../server';

export { testNationalId } from './national-ids';

export interface IdentityFixture {
  db: TestDatabase;
  keys: TestKeys;
  certificates: DemoCertificates;
  identity: RunningIdentity;
  client: Awaited<ReturnType<typeof createSubgraphClient>>;
  queries: QueryCounter;
  /**
   * A second identity process on the same database (another replica, or the same service after a
   * restart), with its own pool and its own memory. Stopped with the fixture if not before.
   */
  replica(): Promise<{ client: Awaited<ReturnType<typeof createSubgraphClient>>; stop(): Promise<void> }>;
  stop(): Promise<void>;
}

/** A migrated, demo-seeded identity subgraph on its own database, served over HTTP on a free port. */
export async function startIdentityFixture(
  options: Omit<IdentityOptions, 'logger'> & { certificateUsers?: string[]; config?: Partial<IdentityConfig> } = {},
): Promise<IdentityFixture> {
  const db = await createTestDatabase('identity');
  await migrateIdentity(db.ownerUrl);
  const certificates = await createDemoCertificates(options.certificateUsers);
  await seedIdentityDemo(db.ownerUrl, { certificateFingerprints: certificates.fingerprints });
  const keys = await createTestKeys();
  const queries = new QueryCounter();
  const config: IdentityConfig = {
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
    LOGIN_FAILURES_PER_ADDRESS: 20,
    LOGIN_ADDRESS_WINDOW_SECONDS: 600,
    LOGIN_CHALLENGES_PER_ADDRESS: 60,
    LOGIN_CHALLENGE_WINDOW_SECONDS: 60,
    SESSION_TTL_SECONDS: 8 * 3600,
    NATIONAL_ID_HASH_KEYS: { taoyuan: 'taoyuan-test-national-id-hash-key-0123456789' },
    // Tests run the leaver job themselves.
    LEAVER_JOB_INTERVAL_SECONDS: 0,
    ...options.config,
  };
  const start = (logger?: QueryCounter) => startIdentity(config, { logger, loginPolicies: options.loginPolicies, accountRules: options.accountRules });
  const identity = await start(queries);
  const client = await createSubgraphClient(identity.url, keys.gateway.privateJwk);
  const replicas: RunningIdentity[] = [];
  return {
    db, keys, certificates, identity, client, queries,
    async replica() {
      const running = await start();
      replicas.push(running);
      return {
        client: await createSubgraphClient(running.url, keys.gateway.privateJwk),
        async stop() {
          const index = replicas.indexOf(running);
          if (index < 0) return;
          replicas.splice(index, 1);
          await running.stop();
        },
      };
    },
    async stop() {
      await Promise.allSettled(replicas.map((running) => running.stop()));
      await identity.stop();
      await db.drop();
    },
  };
}

/** The principal the gateway would vouch for after a demo user logs in. */
export function demoPrincipal(username: string): AccountPrincipal {
  const user = demoUsers.find((candidate) => candidate.username === username);
  if (!user) throw new Error(`No demo user ${username}`);
  return { kind: 'account', accountId: user.accountId, personId: user.personId, cityId: user.cityId, agencyId: demoAgencyId(user.cityId, user.agencyKey), roles: user.roles };
}

