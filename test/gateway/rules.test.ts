import { describe, expect, it } from 'vitest';
import { gql, login } from '../support/gateway-client';
import { demoUser } from '../support/platform';

describe('city rule profiles through the gateway', () => {
  it('compares the four cities, every cell with its citation', async () => {
    const token = await login(demoUser('taoyuan', 'CASEWORKER'));
    const result = await gql(`query { ruleComparison(on: "2024-06-01") { id topic cells { cityId inForce text citation } } }`, {}, token);
    expect(result.errors).toBeUndefined();
    const rows = result.data.ruleComparison;
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      expect(row.cells.map((cell: { cityId: string }) => cell.cityId).sort()).toEqual(['changhua', 'tainan', 'taipei', 'taoyuan']);
      for (const cell of row.cells) expect(cell.citation).toBeTruthy();
    }
    // Taipei's rules were repealed on 2021-01-14: nothing of Taipei is in force in 2024.
    const taipeiCells = rows.flatMap((row: { cells: Array<{ cityId: string; inForce: boolean }> }) => row.cells.filter((cell) => cell.cityId === 'taipei'));
    expect(taipeiCells.every((cell: { inForce: boolean }) => !cell.inForce)).toBe(true);
  });

  it("reports Taipei's rules in force on 2021-01-13 and repealed from 2021-01-14", async () => {
    const token = await login(demoUser('taipei', 'CASEWORKER'));
    const query = `query ($on: String) { me { city { id rulesInForce(on: $on) { service inForce versionId message citation } } } }`;
    const before = await gql(query, { on: '2021-01-13' }, token);
    const after = await gql(query, { on: '2021-01-14' }, token);
    expect(before.data.me.city.rulesInForce).toMatchObject({ service: 'labor-insurance', inForce: true });
    expect(after.data.me.city.rulesInForce).toMatchObject({ inForce: false, versionId: null });
    expect(after.data.me.city.rulesInForce.message).toMatch(/repealed on 2021-01-14/);
  });

  it('lists the catalogues by (service, code, lookup key), and rejects an unknown service', async () => {
    const token = await login(demoUser('tainan', 'CASEWORKER'));
    const labor = await gql(`query { queryItems(service: "labor-insurance") { key code lookupKey name } }`, {}, token);
    const health = await gql(`query { queryItems(service: "health-insurance") { key code name } }`, {}, token);
    expect(labor.data.queryItems).toHaveLength(19);
    expect(health.data.queryItems).toHaveLength(13);
    expect(labor.data.queryItems.filter((item: { code: string }) => item.code === 'C0401')).toHaveLength(2);
    const laborC0101 = labor.data.queryItems.find((item: { code: string }) => item.code === 'C0101');
    const healthC0101 = health.data.queryItems.find((item: { code: string }) => item.code === 'C0101');
    expect(laborC0101.name).not.toBe(healthC0101.name);
    const unknown = await gql(`query { queryItems(service: "pension") { key } }`, {}, token);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_SERVICE', field: 'service' });
  });

  it('rejects a malformed date with the reason', async () => {
    const token = await login(demoUser('taoyuan', 'CASEWORKER'));
    for (const bad of ['2024-13-45', '2021-02-30', '24-01-01']) {
      const result = await gql(`query ($on: String) { ruleComparison(on: $on) { id } }`, { on: bad }, token);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_DATE', field: 'on' });
    }
  });
});
