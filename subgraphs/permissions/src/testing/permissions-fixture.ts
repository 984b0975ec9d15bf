import type { AccountPrincipal, Role } from '@custos/auth';
import { demoAgencies, demoAgencyId, demoUnitId, demoUsers } from '@custos/demo';
import { addStandInAgencies, installAgencyDirectoryStandIn } from '@custos/tenancy';
import { createSubgraphClient, createTestDatabase, createTestKeys, QueryCounter, type TestDatabase } from '@custos/testkit';
import { randomUUID } from 'node:crypto';
import type { OfficialFacts } from '../directory/directory';
import { createStaticDirectory } from './static-directory';
import { migratePermissions } from '../migrations';
import { seedPermissionsDemo } from '../seed/demo-seed';
import { startPermissions, type RunningPermissions } from '../server';

export type Official = OfficialFacts & { cityId: string; username: string };

/** The demo officials as identity would describe them (through the gateway). */
export function demoOfficials(): Official[] {
  return demoUsers.map((user) => {
    const agency = demoAgencies.find((a) => a.cityId === user.cityId && a.key === user.agencyKey)!;
    return {
      cityId: user.cityId,
      username: user.username,
      accountId: user.accountId,
      personId: user.personId,
      status: 'ACTIVE',
      roles: [...user.roles],
      agencyId: agency.id,
      unitId: user.unitKey ? demoUnitId(user.cityId, user.unitKey) : null,
      isVendorStaff: false,
      agency: agencyFacts(user.cityId, user.agencyKey),
    };
  });
}

export function agencyFacts(cityId: string, key: string): OfficialFacts['agency'] {
  const agency = demoAgencies.find((a) => a.cityId === cityId && a.key === key)!;
  return {
    id: agency.id,
    kind: agency.kind,
    parentId: agency.parentKey ? demoAgencyId(cityId, agency.parentKey) : null,
    commissioningAgencyId: agency.commissioningAgencyKey ? demoAgencyId(cityId, agency.commissioningAgencyKey) : null,
  };
}

/** A further official for a test: a role the demo organisation lacks, a vendor, someone in a district office. */
export function makeOfficial(cityId: string, agencyKey: string, roles: Role[], extra: Partial<Official> = {}): Official {
  const agency = agencyFacts(cityId, agencyKey);
  const accountId = randomUUID();
  return {
    cityId,
    username: `${cityId}.${roles.join('-').toLowerCase()}.${accountId.slice(0, 4)}`,
    accountId,
    personId: randomUUID(),
    status: 'ACTIVE',
    roles,
    agencyId: agency.id,
    unitId: null,
    isVendorStaff: false,
    agency,
    ...extra,
  };
}

export function principalOf(official: Official): AccountPrincipal {
  return { kind: 'account', accountId: official.accountId, personId: official.personId, cityId: official.cityId, agencyId: official.agencyId, roles: official.roles as Role[] };
}

export interface PermissionsFixture {
  db: TestDatabase;
  permissions: RunningPermissions;
  client: Awaited<ReturnType<typeof createSubgraphClient>>;
  queries: QueryCounter;
  officials: Official[];
  official(username: string): Official;
  /** Set the clock every request reads (default: the real time). */
  setNow(at: Date | null): void;
  stop(): Promise<void>;
}

/** A migrated database with the demo seed, the permissions subgraph on it, and a client that signs like the gateway. */
export async function startPermissionsFixture(options: { extraOfficials?: Official[] } = {}): Promise<PermissionsFixture> {
  const db = await createTestDatabase('permissions');
  await migratePermissions(db.ownerUrl);
  await seedPermissionsDemo(db.ownerUrl);
  // Identity's agency directory, as a stand-in holding the demo agencies.
  const query = (sql: string, params?: unknown[]) => db.query(sql, params);
  await installAgencyDirectoryStandIn(query);
  await addStandInAgencies(query, demoAgencies.map((agency) => ({ id: agency.id, cityId: agency.cityId, name: agency.name, nameEn: agency.nameEn })));
  const keys = await createTestKeys();
  const queries = new QueryCounter();
  const officials = [...demoOfficials(), ...(options.extraOfficials ?? [])];
  let now: Date | null = null;
  const permissions = await startPermissions(
    { NODE_ENV: 'test', SUBGRAPH_HOST: '127.0.0.1', SUBGRAPH_PORT: 0, SUBGRAPH_DATABASE_URL: db.appUrl('permissions'), SUBGRAPH_POOL_SIZE: 4, GATEWAY_PUBLIC_KEY: keys.gateway.publicJwk as Record<string, unknown> },
    { logger: queries, directory: createStaticDirectory(officials), clock: () => now ?? new Date() },
  );
  const client = await createSubgraphClient(permissions.url, keys.gateway.privateJwk);
  return {
    db,
    permissions,
    client,
    queries,
    officials,
    official(username) {
      const found = officials.find((o) => o.username === username);
      if (!found) throw new Error(`no official ${username}`);
      return found;
    },
    setNow(at) {
      now = at;
    },
    async stop() {
      await permissions.stop();
      await db.drop();
    },
  };
}
