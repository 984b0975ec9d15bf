import type { RequestContext } from '@custos/tenancy';
import { RequestScope } from '@custos/tenancy';
import type { VerifiedAssertion } from '@custos/auth';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { CityType } from './cities/city.type';
import { createAccountLoader } from './accounts/account.loader';
import { createAgencyLoader } from './agencies/agency.loader';
import { createUnitsByAgencyLoader } from './agencies/unit.loader';
import { createApiTokensByAccountLoader } from './service-accounts/api-token.loader';
import { createPersonLoader } from './people/person.loader';
import type { IdentityServices } from './services';

export interface IdentityContext extends RequestContext {
  services: IdentityServices;
  /** Loaders bound to the caller's city; undefined for anonymous callers, who read no city data. */
  loaders?: ReturnType<typeof createLoaders>;
  /** The public city list, batched per request (it is not tenant data). */
  cities: DataLoader<string, CityType | null>;
  now: Date;
}

function createLoaders(scope: RequestScope, cityId: string) {
  return {
    accounts: createAccountLoader(scope, cityId),
    agencies: createAgencyLoader(scope, cityId),
    people: createPersonLoader(scope, cityId),
    unitsByAgency: createUnitsByAgencyLoader(scope, cityId),
    apiTokensByAccount: createApiTokensByAccountLoader(scope, cityId),
  };
}

export function createIdentityContext(dataSource: DataSource, services: IdentityServices, verified: VerifiedAssertion): IdentityContext {
  const scope = new RequestScope(dataSource);
  const { principal } = verified;
  const now = new Date();
  return {
    cities: new DataLoader(async (ids) => {
      const found = await services.cities.findByIds(ids, now);
      return ids.map((id) => found.get(id) ?? null);
    }),
    principal,
    clientAddress: verified.clientAddress,
    scope,
    services,
    loaders: principal.kind === 'account' ? createLoaders(scope, principal.cityId) : undefined,
    now,
  };
}
