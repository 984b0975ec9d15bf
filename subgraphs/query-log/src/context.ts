import type { VerifiedAssertion } from '@custos/auth';
import { RequestScope, requireAccount, type RequestContext } from '@custos/tenancy';
import type { DataSource } from 'typeorm';
import type { CallerFacts } from './platform/platform-gateway';
import type { QueryLogServices } from './services';

export interface QueryLogContext extends RequestContext {
  services: QueryLogServices;
  /** Lets this subgraph ask the gateway on the caller's behalf (permissions decision, the caller's unit). */
  delegationToken?: string;
  /** The caller's account as identity knows it now (agency, unit, status); asked once per request. */
  callerFacts(): Promise<CallerFacts>;
  now: Date;
}

export function createQueryLogContext(dataSource: DataSource, services: QueryLogServices, verified: VerifiedAssertion): QueryLogContext {
  let facts: Promise<CallerFacts> | undefined;
  const context: QueryLogContext = {
    principal: verified.principal,
    clientAddress: verified.clientAddress,
    delegationToken: verified.delegationToken,
    scope: new RequestScope(dataSource),
    services,
    now: new Date(),
    callerFacts() {
      const principal = requireAccount(context);
      facts ??= services.platform.caller({ principal, delegationToken: context.delegationToken });
      return facts;
    },
  };
  return context;
}
