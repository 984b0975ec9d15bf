import type { VerifiedAssertion } from '@custos/auth';
import { RequestScope, type RequestContext } from '@custos/tenancy';
import type { DataSource } from 'typeorm';
import { createAuditServices, type AuditServices } from './services';

const services = createAuditServices();

export interface AuditContext extends RequestContext {
  services: AuditServices;
  now: Date;
}

export function createAuditContext(dataSource: DataSource, verified: VerifiedAssertion): AuditContext {
  return { principal: verified.principal, clientAddress: verified.clientAddress, scope: new RequestScope(dataSource), services, now: new Date() };
}
