import { AnomalyService } from './anomalies/anomaly.service';
import { AuditReviewService } from './audits/audit-review.service';
import { AuditService } from './audits/audit.service';
import { BureauAuditService } from './bureau/bureau-audits.service';
import { AuditCountService } from './reporting/audit-counts.service';
import { ReportService } from './reports/report.service';
import { DestructionService } from './retention/destruction.service';
import { ComplianceTaskService } from './tasks/compliance-task.service';

/** The audit subgraph's services, built once at boot and shared by every request and job. */
export function createAuditServices() {
  const tasks = new ComplianceTaskService();
  const audits = new AuditService();
  const reviews = new AuditReviewService();
  return {
    tasks,
    audits,
    reviews,
    anomalies: new AnomalyService(tasks),
    destruction: new DestructionService(),
    reports: new ReportService(audits, reviews),
    bureau: new BureauAuditService(),
    counts: new AuditCountService(),
  };
}

export type AuditServices = ReturnType<typeof createAuditServices>;
