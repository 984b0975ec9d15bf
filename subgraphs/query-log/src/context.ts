import type { VerifiedAssertion } from '@custos/auth';
import { RequestScope, type RequestContext } from '@custos/tenancy';
import type { DataSource } from 'typeorm';
import { QueryRecordService } from './records/query-record.service';

const services = { records: new QueryRecordService() };

export interface QueryLogContext extends RequestContext {
  services: typeof services;
  now: Date;
}

export function createQueryLogContext(dataSource: DataSource, verified: VerifiedAssertion): QueryLogContext {
  return { principal: verified.principal, clientAddress: verified.clientAddress, scope: new RequestScope(dataSource), services, now: new Date() };
}
