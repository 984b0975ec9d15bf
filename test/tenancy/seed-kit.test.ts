import { hash } from '@node-rs/argon2';
import { seedKit } from '@custos/testkit';
import { describe, expect, it } from 'vitest';
import { gql } from '../support/gateway-client';
import { demoUser, platform } from '../support/platform';

const ME = '{ me { username roles city { id } agency { name } } }';

describe('the seed kit builds a tenant the platform serves, isolated from the others', () => {
  it('a user created by the factories logs in through the gateway, and sees only their own city', async () => {
    const kit = seedKit(platform().databaseOwnerUrl);
    // The new city has no rule profile: password login follows the strictest default, so log in as a Taoyuan-like tenant
    // by creating the user in Taoyuan itself, in a fresh agency of its own.
    const agency = await kit.createAgency('taoyuan', { name: '測試局' });
    const user = await kit.createUser({ cityId: 'taoyuan', agencyId: agency.id, roles: ['AGENCY_ADMIN'], passwordHash: await hash('Factory-Pass-2026!') });
    const login = await gql(`mutation ($input: PasswordLoginInput!) { loginWithPassword(input: $input) { accessToken } }`, {
      input: { cityId: 'taoyuan', username: user.username, password: 'Factory-Pass-2026!' },
    });
    expect(login.errors).toBeUndefined();
    const token = login.data.loginWithPassword.accessToken;
    expect((await gql(ME, {}, token)).data.me).toEqual({ username: user.username, roles: ['AGENCY_ADMIN'], city: { id: 'taoyuan' }, agency: { name: '測試局' } });
    // As agency admin they list only their own agency's accounts: the demo accounts of Taoyuan are not theirs.
    const listed = await gql('{ accounts(first: 100) { nodes { username } } }', {}, token);
    expect(listed.data.accounts.nodes.map((n: { username: string }) => n.username)).toEqual([user.username]);
  });

  it("a new city is a tenant of its own: its users cannot log in under another city's name, nor be listed there", async () => {
    const kit = seedKit(platform().databaseOwnerUrl);
    const city = await kit.createCity({ name: '新竹市', nameEn: 'Hsinchu City' });
    const agency = await kit.createAgency(city.id);
    const user = await kit.createUser({ cityId: city.id, agencyId: agency.id, passwordHash: await hash('Factory-Pass-2026!') });
    const elsewhere = await gql(`mutation ($input: PasswordLoginInput!) { loginWithPassword(input: $input) { accessToken } }`, {
      input: { cityId: 'taoyuan', username: user.username, password: 'Factory-Pass-2026!' },
    });
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
    const admin = demoUser('taoyuan', 'TOP_ADMIN');
    const adminToken = (await gql(`mutation ($input: PasswordLoginInput!) { loginWithPassword(input: $input) { accessToken } }`, {
      input: { cityId: 'taoyuan', username: admin.username, password: admin.password },
    })).data.loginWithPassword.accessToken;
    const listed = await gql('{ accounts(first: 100) { nodes { username } } }', {}, adminToken);
    expect(listed.data.accounts.nodes.map((n: { username: string }) => n.username)).not.toContain(user.username);
  });
});
