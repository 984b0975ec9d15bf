import { demoAgencyId, demoUsers } from '@custos/demo';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentityFixture, type IdentityFixture } from '../testing/identity-fixture';

const ACCOUNTS = `query ($first: Int!, $after: String) {
  accounts(first: $first, after: $after) {
    totalCount
    pageInfo { endCursor hasNextPage }
    nodes { username person { displayName } agency { name } city { id } }
  }
}`;

const demo = (username: string) => demoUsers.find((u) => u.username === username)!;
const principalOf = (username: string) => {
  const user = demo(username);
  return { kind: 'account' as const, accountId: user.accountId, personId: user.personId, cityId: user.cityId, agencyId: demoAgencyId(user.cityId, user.agencyKey), roles: user.roles };
};

let fixture: IdentityFixture;
beforeAll(async () => {
  fixture = await startIdentityFixture({ certificateUsers: [] });
  // 60 more caseworkers in Taoyuan's social affairs department, each with a person of their own.
  const agencyId = demoAgencyId('taoyuan', 'social');
  const people: string[] = [];
  const accounts: string[] = [];
  for (let index = 0; index < 60; index += 1) {
    const personId = randomUUID();
    people.push(`('${personId}', 'taoyuan', 'Clerk ${index}')`);
    accounts.push(`('${randomUUID()}', 'taoyuan', '${personId}', '${agencyId}', 'taoyuan.extra${String(index).padStart(2, '0')}', '{CASEWORKER}')`);
  }
  await fixture.db.query(`INSERT INTO identity.person (id, city_id, display_name) VALUES ${people.join(',')}`);
  await fixture.db.query(`INSERT INTO identity.account (id, city_id, person_id, agency_id, username, roles) VALUES ${accounts.join(',')}`);
});
afterAll(() => fixture?.stop());

describe('accounts', () => {
  it('lists 50 accounts with their person and agency in a constant number of statements', async () => {
    await fixture.client.execute(ACCOUNTS, { first: 1 }, principalOf('taoyuan.admin')); // warm the city cache
    fixture.queries.reset();
    const small = await fixture.client.execute(ACCOUNTS, { first: 5 }, principalOf('taoyuan.admin'));
    const forFive = fixture.queries.dataStatements().length;
    fixture.queries.reset();
    const large = await fixture.client.execute(ACCOUNTS, { first: 50 }, principalOf('taoyuan.admin'));
    const forFifty = fixture.queries.dataStatements().length;
    expect(small.errors).toBeUndefined();
    expect(large.data.accounts.nodes).toHaveLength(50);
    expect(forFifty).toBe(forFive);
    expect(forFifty).toBeLessThanOrEqual(4); // count, page, people, agencies
  });

  it('pages with a stable cursor until the last page', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const result: any = await fixture.client.execute(ACCOUNTS, { first: 25, after }, principalOf('taoyuan.admin'));
      seen.push(...result.data.accounts.nodes.map((node: { username: string }) => node.username));
      if (!result.data.accounts.pageInfo.hasNextPage) break;
      after = result.data.accounts.pageInfo.endCursor;
    }
    const expected = demoUsers.filter((user) => user.cityId === 'taoyuan').length + 60;
    expect(seen).toHaveLength(expected);
    expect(new Set(seen).size).toBe(expected);
    expect([...seen].sort()).toEqual(seen);
  });

  it('refuses a tampered cursor with a clear input error', async () => {
    const result = await fixture.client.execute(ACCOUNTS, { first: 5, after: 'not-a-cursor' }, principalOf('taoyuan.admin'));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_CURSOR', field: 'after' });
  });

  it("never shows another city's accounts, and an agency admin sees only their agency", async () => {
    const top = await fixture.client.execute(ACCOUNTS, { first: 100 }, principalOf('tainan.admin'));
    expect(top.data.accounts.nodes.every((node: { city: { id: string } }) => node.city.id === 'tainan')).toBe(true);
    expect(top.data.accounts.totalCount).toBe(demoUsers.filter((user) => user.cityId === 'tainan').length);
    const agencyAdmin = await fixture.client.execute(ACCOUNTS, { first: 100 }, principalOf('tainan.agencyadmin'));
    const names = agencyAdmin.data.accounts.nodes.map((node: { username: string }) => node.username);
    expect(names).not.toContain('tainan.admin'); // the top admin sits in the governing agency
    expect(names).toContain('tainan.clerk');
  });

  it('refuses a caseworker', async () => {
    const result = await fixture.client.execute(ACCOUNTS, { first: 5 }, principalOf('taoyuan.clerk'));
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the agency tree', () => {
  const AGENCIES = `query { agencies { id name kind parentId units { id name } } }`;

  it('lists the city’s agencies parents first, with their units, in a constant number of statements', async () => {
    fixture.queries.reset();
    const result = await fixture.client.execute(AGENCIES, {}, principalOf('tainan.admin'));
    expect(result.errors).toBeUndefined();
    const agencies = result.data.agencies as Array<{ id: string; kind: string; parentId: string | null; units: Array<{ name: string }> }>;
    expect(agencies.map((agency) => agency.kind).sort()).toEqual(['DISTRICT_OFFICE', 'GOVERNING', 'REVIEWING', 'USING']);
    expect(agencies[0]!.kind).toBe('GOVERNING');
    const seen = new Set<string>();
    for (const agency of agencies) {
      if (agency.parentId) expect(seen.has(agency.parentId)).toBe(true);
      seen.add(agency.id);
    }
    expect(agencies.find((agency) => agency.id === demoAgencyId('tainan', 'social'))!.units).toHaveLength(1);
    expect(fixture.queries.dataStatements().length).toBeLessThanOrEqual(2); // agencies, units
  });

  it('refuses a caseworker, and shows no other city', async () => {
    expect((await fixture.client.execute(AGENCIES, {}, principalOf('tainan.clerk'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const taoyuan = await fixture.client.execute(AGENCIES, {}, principalOf('taoyuan.auditor'));
    expect(taoyuan.data.agencies.map((agency: { id: string }) => agency.id)).not.toContain(demoAgencyId('tainan', 'social'));
  });
});
