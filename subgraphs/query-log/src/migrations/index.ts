import { runSchemaMigrations } from '@custos/tenancy';
import { CreateQueryLogSchema1764028800002 } from './1764028800002-create-query-log-schema';
import { QueryRequests1764115200000 } from './1764115200000-query-requests';
import { ChainCheckpoints1764115200001 } from './1764115200001-chain-checkpoints';
import { BureauRecords1764115200002 } from './1764115200002-bureau-records';
import { Reconciliation1764115200003 } from './1764115200003-reconciliation';
import { AuditViews1764115200004 } from './1764115200004-audit-views';
import { AnomalySourceView1764115200005 } from './1764115200005-anomaly-source-view';
import { SamplingCoveringIndex1764115200006 } from './1764115200006-sampling-covering-index';
import { CrossCityReads1764288000100 } from './1764288000100-cross-city-reads';
import { QueryCountRollup1764288000101 } from './1764288000101-query-count-rollup';
import { MutationTrail1796500000000 } from './1796500000000-mutation-trail';
import { PurposeCategory1796600000000 } from './1796600000000-purpose-category';
import { PeriodCoveringIndex1796700000000 } from './1796700000000-period-covering-index';

/** In order; never edit one that has been committed — add a new one. */
export const queryLogMigrations = [
  CreateQueryLogSchema1764028800002,
  QueryRequests1764115200000,
  ChainCheckpoints1764115200001,
  BureauRecords1764115200002,
  Reconciliation1764115200003,
  AuditViews1764115200004,
  AnomalySourceView1764115200005,
  SamplingCoveringIndex1764115200006,
  CrossCityReads1764288000100,
  QueryCountRollup1764288000101,
  MutationTrail1796500000000,
  PurposeCategory1796600000000,
  PeriodCoveringIndex1796700000000,
];

export function migrateQueryLog(ownerUrl: string) {
  return runSchemaMigrations(ownerUrl, 'query_log', queryLogMigrations);
}
