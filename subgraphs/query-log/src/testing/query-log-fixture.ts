import type { AccountPrincipal, Role } from '@custos/auth';
import { installAgencyDirectoryStandIn } from '@custos/tenancy';
import { createSubgraphClient, createTestDatabase, createTestKeys, type TestDatabase } from '@custos/testkit';
import { randomBytes, randomUUID } from 'node:crypto';
import type { QueryLogConfig } from '../env';
import { migrateQueryLog } from '../migrations';
import { startQueryLog, type RunningQueryLog } from '../server';
import { FakePlatform } from './fake-platform';

export const TEST_CITIES = ['taipei', 'taoyuan', 'changhua', 'tainan'] as const;

export interface QueryLogFixture {
  db: TestDatabase;
  queryLog: RunningQueryLog;
  platform: FakePlatform;
  config: QueryLogConfig;
  client: Awaited<ReturnType<typeof createSubgraphClient>>;
  stop(): Promise<void>;
}

/** A migrated query-log subgraph on its own database, served over HTTP, with a fake rest-of-platform. */
export async function startQueryLogFixture(overrides: Partial<QueryLogConfig> = {}): Promise<QueryLogFixture> {
  const db = await createTestDatabase('querylog');
  await migrateQueryLog(db.ownerUrl);
  // Identity's agency directory, as a stand-in: tests add the agencies they name (addStandInAgencies).
  await installAgencyDirectoryStandIn((sql, params) => db.query(sql, params));
  const keys = await createTestKeys();
  const platform = new FakePlatform();
  const config: QueryLogConfig = {
    NODE_ENV: 'test',
    SUBGRAPH_HOST: '127.0.0.1',
    SUBGRAPH_PORT: 0,
    SUBGRAPH_DATABASE_URL: db.appUrl('query_log'),
    SUBGRAPH_POOL_SIZE: 4,
    GATEWAY_PUBLIC_KEY: keys.gateway.publicJwk as Record<string, unknown>,
    SUBJECT_HASH_KEYS: Object.fromEntries(TEST_CITIES.map((city) => [city, randomBytes(32).toString('base64url')])),
    CHECKPOINT_EVERY_RECORDS: 100,
    CHECKPOINT_INTERVAL_SECONDS: 0,
    ...overrides,
  };
  const queryLog = await startQueryLog(config, { platform });
  const client = await createSubgraphClient(queryLog.url, keys.gateway.privateJwk);
  return {
    db, queryLog, platform, config, client,
    async stop() {
      await queryLog.stop();
      await db.drop();
    },
  };
}

export interface TestOfficial {
  accountId: string;
  agencyId: string;
  unitId: string | null;
  cityId: string;
  roles: Role[];
  principal: AccountPrincipal;
}

/** An official of a city, known to the fake platform (so `me { unitId }` answers for them). */
export function official(platform: FakePlatform, cityId: string, roles: Role[], where: { agencyId?: string; unitId?: string | null; status?: string; username?: string } = {}): TestOfficial {
  const accountId = randomUUID();
  const agencyId = where.agencyId ?? randomUUID();
  const unitId = where.unitId === undefined ? randomUUID() : where.unitId;
  platform.addAccount({ accountId, agencyId, unitId, status: where.status ?? 'ACTIVE', username: where.username });
  return { accountId, agencyId, unitId, cityId, roles, principal: { kind: 'account', accountId, personId: randomUUID(), cityId, agencyId, roles } };
}

/** A caseworker and the unit head of the same unit, plus a colleague in another unit of the agency. */
export function unitOf(platform: FakePlatform, cityId: string) {
  const agencyId = randomUUID();
  const unitId = randomUUID();
  return {
    agencyId,
    unitId,
    clerk: official(platform, cityId, ['CASEWORKER'], { agencyId, unitId }),
    clerk2: official(platform, cityId, ['CASEWORKER'], { agencyId, unitId }),
    head: official(platform, cityId, ['UNIT_HEAD', 'UNIT_ADMIN'], { agencyId, unitId }),
    otherHead: official(platform, cityId, ['UNIT_HEAD'], { agencyId, unitId: randomUUID() }),
    agencyAdmin: official(platform, cityId, ['AGENCY_ADMIN'], { agencyId, unitId: null }),
    auditor: official(platform, cityId, ['AUDITOR', 'ETHICS_OFFICER'], { agencyId, unitId: null }),
  };
}
