import type { RequestScope } from '@custos/tenancy';
import DataLoader from 'dataloader';
import type { AccountInputs, AgencyInputs, DecisionInputsCache } from './decision-inputs.cache';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ACCOUNT_INPUTS_SQL = `
  select g.account_id as id,
         json_agg(json_build_object(
           'itemKey', g.item_key,
           'from', (extract(epoch from g.granted_at) * 1000)::bigint,
           'until', (extract(epoch from g.revoked_at) * 1000)::bigint)) as grants
    from permissions.user_grant g
   where g.city_id = $1 and g.account_id = any($2::uuid[])
   group by g.account_id`;

const AGENCY_INPUTS_SQL = `
  select a.id,
         coalesce((select json_agg(json_build_object(
                    'itemKey', g.item_key,
                    'from', (extract(epoch from g.granted_at) * 1000)::bigint,
                    'until', (extract(epoch from g.revoked_at) * 1000)::bigint,
                    'basisRepealedOn', lb.repealed_on))
                     from permissions.agency_grant g
                     join permissions.business_item b on b.city_id = g.city_id and b.id = g.business_item_id
                     join permissions.legal_basis lb on lb.city_id = b.city_id and lb.id = b.legal_basis_id
                    where g.city_id = $1 and g.agency_id = a.id), '[]') as grants,
         coalesce((select json_agg(json_build_object(
                    'network', n.network,
                    'from', (extract(epoch from n.added_at) * 1000)::bigint,
                    'until', (extract(epoch from n.removed_at) * 1000)::bigint))
                     from permissions.agency_network n
                    where n.city_id = $1 and n.agency_id = a.id), '[]') as networks
    from unnest($2::uuid[]) as a(id)`;

type Raw<T> = T & { from: number | string; until: number | string | null };
const toNumber = (value: number | string | null) => (value === null ? null : Number(value));

/**
 * Per request and bound to the caller's city: decision inputs from the process-wide cache, the
 * misses loaded in one statement per kind through the request's own transaction.
 */
export function createDecisionInputLoaders(scope: RequestScope, cityId: string, cache: DecisionInputsCache) {
  const accounts = new DataLoader<string, AccountInputs>(async (ids) => {
    const found = new Map<string, AccountInputs>();
    const missing: string[] = [];
    for (const id of ids) {
      const cached = cache.getAccount(cityId, id);
      if (cached) found.set(id, cached);
      else if (UUID.test(id)) missing.push(id);
    }
    if (missing.length > 0) {
      const epoch = cache.epoch;
      const manager = await scope.manager(cityId);
      const rows: Array<{ id: string; grants: Array<Raw<{ itemKey: string }>> }> = await manager.query(ACCOUNT_INPUTS_SQL, [cityId, missing]);
      const byId = new Map(rows.map((row) => [row.id, row]));
      for (const id of missing) {
        const value: AccountInputs = {
          userGrants: (byId.get(id.toLowerCase())?.grants ?? []).map((grant) => ({ itemKey: grant.itemKey, from: Number(grant.from), until: toNumber(grant.until) })),
        };
        cache.setAccount(cityId, id, value, epoch);
        found.set(id, value);
      }
    }
    return ids.map((id) => found.get(id) ?? { userGrants: [] });
  });

  const agencies = new DataLoader<string, AgencyInputs>(async (ids) => {
    const found = new Map<string, AgencyInputs>();
    const missing: string[] = [];
    for (const id of ids) {
      const cached = cache.getAgency(cityId, id);
      if (cached) found.set(id, cached);
      else if (UUID.test(id)) missing.push(id);
    }
    if (missing.length > 0) {
      const epoch = cache.epoch;
      const manager = await scope.manager(cityId);
      const rows: Array<{
        id: string;
        grants: Array<Raw<{ itemKey: string; basisRepealedOn: string | null }>>;
        networks: Array<Raw<{ network: string }>>;
      }> = await manager.query(AGENCY_INPUTS_SQL, [cityId, missing]);
      const byId = new Map(rows.map((row) => [row.id, row]));
      for (const id of missing) {
        const row = byId.get(id.toLowerCase());
        const value: AgencyInputs = {
          agencyGrants: (row?.grants ?? []).map((grant) => ({ itemKey: grant.itemKey, basisRepealedOn: grant.basisRepealedOn, from: Number(grant.from), until: toNumber(grant.until) })),
          networks: (row?.networks ?? []).map((network) => ({ network: network.network, from: Number(network.from), until: toNumber(network.until) })),
        };
        cache.setAgency(cityId, id, value, epoch);
        found.set(id, value);
      }
    }
    return ids.map((id) => found.get(id) ?? { agencyGrants: [], networks: [] });
  });

  return { accounts, agencies };
}
