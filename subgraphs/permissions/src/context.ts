import type { VerifiedAssertion } from '@custos/auth';
import { RequestScope, type RequestContext } from '@custos/tenancy';
import type { DataSource } from 'typeorm';
import { createCurrentGrantsLoader } from './grants/user-grant.loader';
import { RulesService } from './rules/rules.service';

const services = { rules: new RulesService() };

export interface PermissionsContext extends RequestContext {
  services: typeof services;
  loaders?: ReturnType<typeof createLoaders>;
  now: Date;
}

function createLoaders(scope: RequestScope, cityId: string) {
  return { currentGrants: createCurrentGrantsLoader(scope, cityId) };
}

export function createPermissionsContext(dataSource: DataSource, verified: VerifiedAssertion): PermissionsContext {
  const scope = new RequestScope(dataSource);
  const { principal } = verified;
  return {
    principal,
    clientAddress: verified.clientAddress,
    scope,
    services,
    loaders: principal.kind === 'account' ? createLoaders(scope, principal.cityId) : undefined,
    now: new Date(),
  };
}
