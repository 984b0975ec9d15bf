import { describe, expect, it } from 'vitest';
import { gql, login } from '../support/gateway-client';
import { demoUser, ownerQuery } from '../support/platform';

/**
 * The audit trail through the gateway: a change made in a subgraph is recorded with who, when, from
 * where, what and the row before and after; the city's auditors and ethics officer read it, nobody
 * else; it cannot be altered; reads of the query log by admins and auditors are recorded too.
 */

const TRAIL = `query ($rowId: String, $subgraph: String, $first: Int!) {
  changeTrail(rowId: $rowId, subgraph: $subgraph, first: $first) { id subgraph occurredAt accountId clientAddress operation arguments tableName action rowId before after }
}`;

const tokens = new Map<string, string>();
async function tokenOf(cityId: string, role: string) {
  if (!tokens.has(`${cityId}/${role}`)) tokens.set(`${cityId}/${role}`, await login(demoUser(cityId, role)));
  return tokens.get(`${cityId}/${role}`)!;
}
async function accountIdOf(cityId: string, role: string): Promise<string> {
  const [row] = await ownerQuery(`select id, agency_id from identity.account where city_id = $1 and username = $2`, [cityId, demoUser(cityId, role).username]);
  return row.id;
}
async function trail(variables: Record<string, unknown>, role = 'AUDITOR') {
  const result = await gql(TRAIL, { first: 50, ...variables }, await tokenOf('taoyuan', role));
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.changeTrail as Array<Record<string, any>>;
}

describe('the audit trail', () => {
  it('records a change with who, when, from where, what, and the row before and after', async () => {
    const admin = await tokenOf('taoyuan', 'TOP_ADMIN');
    const adminId = await accountIdOf('taoyuan', 'TOP_ADMIN');
    const [{ agency_id: agencyId }] = await ownerQuery(`select agency_id from identity.account where id = $1`, [adminId]);
    const network = `10.${Math.floor(Math.random() * 200) + 20}.7.0/24`;
    const started = Date.now();
    const added = await gql(`mutation ($agencyId: ID!, $network: String!) { addAgencyNetwork(agencyId: $agencyId, network: $network, label: "trail test") { id } }`, { agencyId, network }, admin);
    expect(added.errors).toBeUndefined();
    const id = added.data.addAgencyNetwork.id;
    await gql(`mutation ($id: ID!) { removeAgencyNetwork(id: $id) { id } }`, { id }, admin);

    const entries = await trail({ rowId: id });
    expect(entries.map((e) => [e.subgraph, e.tableName, e.action, e.operation])).toEqual([
      ['permissions', 'agency_network', 'UPDATE', 'mutation removeAgencyNetwork'],
      ['permissions', 'agency_network', 'INSERT', 'mutation addAgencyNetwork'],
    ]);
    const [removal, insertion] = entries;
    for (const entry of entries) {
      expect(entry.accountId).toBe(adminId);
      expect(entry.clientAddress).toMatch(/127\.0\.0\.1/);
      expect(Date.parse(entry.occurredAt)).toBeGreaterThanOrEqual(started - 5_000);
    }
    expect(insertion!.before).toBeNull();
    expect(JSON.parse(insertion!.after)).toMatchObject({ id, network, label: 'trail test', removed_at: null });
    expect(JSON.parse(insertion!.arguments)).toMatchObject({ network });
    expect(JSON.parse(removal!.before).removed_at).toBeNull();
    expect(JSON.parse(removal!.after).removed_at).not.toBeNull();
  });

  it('keeps secrets out: a login is trailed without the password or token hashes', async () => {
    const clerk = demoUser('taoyuan', 'CASEWORKER');
    await login(clerk);
    const entries = (await trail({ subgraph: 'identity', first: 100 })).filter((e) => e.operation === 'mutation loginWithPassword');
    expect(entries.length).toBeGreaterThan(0);
    const text = JSON.stringify(entries);
    expect(text).not.toContain(clerk.password!);
    expect(text).not.toMatch(/password_hash|token_hash|\$argon2/);
    expect(JSON.parse(entries[0]!.arguments).input.password).toBe('[redacted]');
  });

  it('records reads of the query log by admins and auditors', async () => {
    const admin = await tokenOf('taoyuan', 'AGENCY_ADMIN');
    const read = await gql(`{ queryRegister(scope: AGENCY, first: 5) { totalCount } }`, {}, admin);
    expect(read.errors).toBeUndefined();
    const [latest] = await trail({ subgraph: 'query_log', first: 1 });
    expect(latest).toMatchObject({ action: 'READ', operation: 'query queryRegister', accountId: await accountIdOf('taoyuan', 'AGENCY_ADMIN') });
    // A caseworker reading its own records is not an admin's read of the register.
    await gql(`{ myQueryRecords(first: 5) { totalCount } }`, {}, await tokenOf('taoyuan', 'CASEWORKER'));
    expect((await trail({ subgraph: 'query_log', first: 1 }))[0]!.id).toBe(latest!.id);
  });

  it('is read by the city’s auditors and ethics officer only', async () => {
    expect((await gql(TRAIL, { first: 1 }, await tokenOf('taoyuan', 'AUDITOR'))).errors).toBeUndefined();
    for (const role of ['TOP_ADMIN', 'CASEWORKER', 'IT_OFFICER']) {
      expect((await gql(TRAIL, { first: 1 }, await tokenOf('taoyuan', role))).errors?.[0]?.extensions?.code, role).toBe('FORBIDDEN');
    }
  });

  it('cannot be changed: no UPDATE or DELETE for the subgraphs’ roles, and a trigger refuses even the owner', async () => {
    for (const [schema, role] of [['identity', 'custos_identity'], ['permissions', 'custos_permissions'], ['query_log', 'custos_query_log'], ['audit', 'custos_audit']]) {
      const [privileges] = await ownerQuery(
        `select has_table_privilege($1, $2, 'UPDATE') as "update", has_table_privilege($1, $2, 'DELETE') as "delete", has_table_privilege($1, $2, 'TRUNCATE') as "truncate"`,
        [role, `${schema}.mutation_trail`],
      );
      expect(privileges, schema).toEqual({ update: false, delete: false, truncate: false });
      await expect(ownerQuery(`update ${schema}.mutation_trail set operation = 'x'`)).rejects.toThrow(/append-only/);
      await expect(ownerQuery(`delete from ${schema}.mutation_trail`)).rejects.toThrow(/append-only/);
    }
  });

  it('covers every city table of every subgraph (a new table without the trail trigger fails here)', async () => {
    const NOT_TRAILED = [
      'identity.login_challenge', 'identity.login_unknown_username', 'permissions.outbox_event', 'query_log.query_record', 'query_log.bureau_record', 'query_log.reconciliation_item',
      'query_log.cross_city_read', 'query_log.query_count_monthly',
      // Issue 9: the other subgraphs' cross-city read logs, written by a cross-city session (append-only themselves).
      'audit.cross_city_read', 'permissions.cross_city_read',
    ];
    const rows = await ownerQuery<{ name: string; trailed: boolean }>(
      `select c.table_schema || '.' || c.table_name as name,
              exists (select 1 from pg_trigger g where g.tgrelid = (c.table_schema || '.' || c.table_name)::regclass and g.tgname = c.table_name || '_trail') as trailed
         from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
        where c.column_name = 'city_id' and t.table_type = 'BASE TABLE' and c.table_schema in ('identity', 'permissions', 'query_log', 'audit') and c.table_name <> 'mutation_trail'`,
    );
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.filter((r) => !r.trailed && !NOT_TRAILED.includes(r.name)).map((r) => r.name)).toEqual([]);
  });
});
