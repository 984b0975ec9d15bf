import { runSchemaMigrations } from '@custos/tenancy';
import { CreateAuditSchema1764028800003 } from './1764028800003-create-audit-schema';
import { ComplianceCalendarEvents1795600000001 } from './1795600000001-compliance-calendar-events';
import { AuditsAndSamples1795600000002 } from './1795600000002-audits-and-samples';
import { AuditReviews1795600000003 } from './1795600000003-audit-reviews';
import { AnomaliesAndInvestigations1795600000004 } from './1795600000004-anomalies-and-investigations';
import { RetentionAndDestruction1795600000005 } from './1795600000005-retention-and-destruction';
import { MutationTrail1796500000000 } from './1796500000000-mutation-trail';
import { BureauCrossCity1796600000000 } from './1796600000000-bureau-cross-city';
import { BureauOverdueTasks1797200000000 } from './1797200000000-bureau-overdue-tasks';
import { FindingAndAuditChecks1797300000000 } from './1797300000000-finding-and-audit-checks';
import { AuditDrawMethod1797400000000 } from './1797400000000-audit-draw-method';
import { UnregisteredBureauQueryRule1797500000000 } from './1797500000000-unregistered-bureau-query-rule';

/** In order; never edit one that has been committed — add a new one. */
export const auditMigrations = [
  CreateAuditSchema1764028800003,
  ComplianceCalendarEvents1795600000001,
  AuditsAndSamples1795600000002,
  AuditReviews1795600000003,
  AnomaliesAndInvestigations1795600000004,
  RetentionAndDestruction1795600000005,
  MutationTrail1796500000000,
  BureauCrossCity1796600000000,
  BureauOverdueTasks1797200000000,
  FindingAndAuditChecks1797300000000,
  AuditDrawMethod1797400000000,
  UnregisteredBureauQueryRule1797500000000,
];

export function migrateAudit(ownerUrl: string) {
  return runSchemaMigrations(ownerUrl, 'audit', auditMigrations);
}
