import type { VerifiedAssertion } from '@custos/auth';
import { RequestScope, type RequestContext } from '@custos/tenancy';
import type { DataSource } from 'typeorm';
import { createCurrentGrantsLoader } from './grants/user-grant.loader';

export interface PermissionsContext extends RequestContext {
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
    loaders: principal.kind === 'account' ? createLoaders(scope, principal.cityId) : undefined,
    now: new Date(),
  };
}
