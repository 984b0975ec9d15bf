import type { VerifiedAssertion } from '@custos/auth';
import { RequestScope, type RequestContext } from '@custos/tenancy';
import type { DataSource } from 'typeorm';
import { ComplianceTaskService } from './tasks/compliance-task.service';

const services = { tasks: new ComplianceTaskService() };

export interface AuditContext extends RequestContext {
  services: typeof services;
  now: Date;
}

export function createAuditContext(dataSource: DataSource, verified: VerifiedAssertion): AuditContext {
  return { principal: verified.principal, clientAddress: verified.clientAddress, scope: new RequestScope(dataSource), services, now: new Date() };
}
