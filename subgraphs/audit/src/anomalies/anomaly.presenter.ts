import { accountRef } from '../shared/account-reference.type';
import type { RuleVersion } from '@custos/rules';
import type { FindingEntity, InvestigationEntity } from './anomaly.entity';
import { anomalyRuleOf, type AnomalyAction, type FindingSeverity, type FindingStatus, type FindingType, type InvestigationOutcome, type InvestigationType } from './anomaly.type';

export function presentFinding(finding: FindingEntity): FindingType {
  return {
    id: finding.id,
    rule: anomalyRuleOf(finding.ruleId),
    ruleId: finding.ruleId,
    severity: finding.severity as FindingSeverity,
    status: finding.status as FindingStatus,
    accountId: finding.accountId,
    account: accountRef(finding.accountId),
    agencyId: finding.agencyId,
    subjectKey: finding.subjectKey,
    windowStart: finding.windowStart,
    windowEnd: finding.windowEnd,
    recordCount: finding.recordCount,
    recordIds: finding.recordIds,
    summary: finding.summary,
    details: JSON.stringify(finding.details),
    ruleVersionId: finding.ruleVersionId,
    citation: finding.citation,
    detectedAt: finding.detectedAt,
  };
}

/** The investigation without its notes and tasks (field resolvers load those). */
export function presentInvestigation(investigation: InvestigationEntity, version: RuleVersion): Omit<InvestigationType, 'notes' | 'tasks'> {
  return {
    id: investigation.id,
    findingId: investigation.findingId,
    teamRoles: investigation.teamRoles,
    teamTitlesZh: investigation.teamRoles.map((role) => version.roles[role as keyof typeof version.roles]?.value.titleZh ?? role),
    teamCitation: investigation.teamCitation,
    availableActions: version.audits.anomalyActions.value as AnomalyAction[],
    eventId: investigation.eventId,
    openedBy: investigation.openedBy,
    openedAt: investigation.openedAt,
    outcome: investigation.outcome as InvestigationOutcome | null,
    actions: investigation.actions as AnomalyAction[],
    outcomeSummary: investigation.outcomeSummary,
    closedBy: investigation.closedBy,
    closedAt: investigation.closedAt,
  };
}
