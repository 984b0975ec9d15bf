import { FindingEntity, InvestigationEntity, InvestigationNoteEntity } from './anomalies/anomaly.entity';
import { AuditSignoffEntity, ChecklistResultEntity, SampleJudgmentEntity } from './audits/audit-review.entity';
import { AuditSampleEntity } from './audits/audit-sample.entity';
import { AuditEntity } from './audits/audit.entity';
import { ComplianceTaskEntity } from './tasks/compliance-task.entity';
import { ObligationEventEntity } from './tasks/obligation-event.entity';

/** Every TypeORM entity of the audit schema (the subgraph and the jobs use the same list). */
export const auditEntities = [ComplianceTaskEntity, ObligationEventEntity, AuditEntity, AuditSampleEntity, SampleJudgmentEntity, ChecklistResultEntity, AuditSignoffEntity, FindingEntity, InvestigationEntity, InvestigationNoteEntity];
