import type { VerifiedAssertion } from '@custos/auth';
import { RequestScope, type RequestContext } from '@custos/tenancy';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { ApplicationEventEntity } from './applications/application-event.entity';
import { ApplicationService } from './applications/application.service';
import type { DecisionInputsCache } from './decision/decision-inputs.cache';
import { createDecisionInputLoaders } from './decision/decision-inputs.loader';
import { QueryDecisionService } from './decision/query-decision.service';
import type { Directory } from './directory/directory';
import { createCurrentGrantsLoader } from './grants/user-grant.loader';
import { GrantService } from './grants/grant.service';
import { NetworkService } from './networks/network.service';
import { BusinessItemEntity } from './register/business-item.entity';
import { LegalBasisEntity } from './register/legal-basis.entity';
import { RegisterService } from './register/register.service';
import { GrantCountService } from './reporting/grant-counts.service';
import { RulesService } from './rules/rules.service';

/** Built once per process: stateless services, the decision-inputs cache, the directory. */
export interface PermissionsDependencies {
  cache: DecisionInputsCache;
  directory: Directory;
  clock: () => Date;
}

export function createServices(dependencies: PermissionsDependencies) {
  const grants = new GrantService();
  const register = new RegisterService();
  return {
    rules: new RulesService(),
    decisions: new QueryDecisionService(),
    grants,
    register,
    networks: new NetworkService(),
    grantCounts: new GrantCountService(),
    applications: new ApplicationService(dependencies.directory, grants, register),
  };
}

export type PermissionsServices = ReturnType<typeof createServices>;

export interface PermissionsContext extends RequestContext {
  services: PermissionsServices;
  /** Bound to the caller's city; undefined for anonymous callers, who read no city data. */
  loaders?: ReturnType<typeof createLoaders>;
  delegationToken?: string;
  now: Date;
}

/** Loaders keyed by id within one city: the city is fixed here, never taken from a key. */
function byIdLoader<T extends { id: string }>(scope: RequestScope, cityId: string, entity: new () => T) {
  return new DataLoader<string, T | null>(async (ids) => {
    const manager = await scope.manager(cityId);
    const rows = await manager.getRepository(entity).createQueryBuilder('row').where('row.city_id = :cityId AND row.id = ANY(:ids)', { cityId, ids: [...ids] }).getMany();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

function createLoaders(scope: RequestScope, cityId: string, dependencies: PermissionsDependencies) {
  return {
    currentGrants: createCurrentGrantsLoader(scope, cityId),
    decisionInputs: createDecisionInputLoaders(scope, cityId, dependencies.cache),
    businessItems: byIdLoader(scope, cityId, BusinessItemEntity),
    legalBases: byIdLoader(scope, cityId, LegalBasisEntity),
    applicationEvents: new DataLoader<string, ApplicationEventEntity[]>(async (ids) => {
      const manager = await scope.manager(cityId);
      const rows = await manager
        .getRepository(ApplicationEventEntity)
        .createQueryBuilder('e')
        .where('e.city_id = :cityId AND e.application_id = ANY(:ids)', { cityId, ids: [...ids] })
        .orderBy('e.sequence', 'ASC')
        .getMany();
      return ids.map((id) => rows.filter((row) => row.applicationId === id));
    }),
  };
}

export function createPermissionsContext(dataSource: DataSource, verified: VerifiedAssertion, services: PermissionsServices, dependencies: PermissionsDependencies): PermissionsContext {
  const scope = new RequestScope(dataSource);
  const { principal } = verified;
  return {
    principal,
    clientAddress: verified.clientAddress,
    delegationToken: verified.delegationToken,
    scope,
    services,
    loaders: principal.kind === 'account' ? createLoaders(scope, principal.cityId, dependencies) : undefined,
    now: dependencies.clock(),
  };
}
