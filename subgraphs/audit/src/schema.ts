import { buildFederatedSchema } from '@custos/federation';
import { FindingResolver, InvestigationResolver } from './anomalies/anomaly.resolver';
import { AuditResolver } from './audits/audit.resolver';
import { ReportResolver } from './reports/report.resolver';
import { DestructionResolver } from './retention/destruction.resolver';
import { ComplianceTaskResolver } from './tasks/compliance-task.resolver';
import { ChangeTrailResolver } from './trail/change-trail.resolver';
import { AuditCountResolver } from './reporting/audit-counts.resolver';
import { BureauAuditResolver } from './bureau/bureau.resolver';

export function buildAuditSchema() {
  return buildFederatedSchema({
    resolvers: [ComplianceTaskResolver, AuditResolver, FindingResolver, InvestigationResolver, DestructionResolver, ReportResolver, ChangeTrailResolver, AuditCountResolver, BureauAuditResolver],
  });
}
