import { findItem, rules } from '@custos/rules';
import { presentItem } from '../catalogue/query-item.resolver';
import type { QueryItemType } from '../catalogue/query-item.type';
import type { ApplicationEventEntity } from './application-event.entity';
import type { ApplicationEntity } from './application.entity';
import type { ApplicationEventType, ApplicationStepType, ApplicationType, RetentionPeriodType } from './application.type';

/** The entity behind an Application in the schema; field resolvers read the rest from it. */
export type PresentedApplication = ApplicationType & { entity: ApplicationEntity };

function items(keys: readonly string[]): QueryItemType[] {
  return keys.map((key) => findItem(key)).filter((item) => item !== undefined).map(presentItem);
}

export function presentApplication(entity: ApplicationEntity): PresentedApplication {
  const proposal = entity.proposedBusinessItem;
  return {
    entity,
    id: entity.id,
    kind: entity.kind,
    operation: entity.operation,
    status: entity.status,
    service: entity.service,
    ruleVersion: entity.ruleVersionId,
    form: entity.formKind && entity.formNumber && entity.formTitleZh ? { kind: entity.formKind, number: entity.formNumber, title: entity.formTitleZh } : null,
    applicant: { id: entity.applicantAccountId },
    subject: { id: entity.subjectAccountId },
    replaces: entity.replacesAccountId ? { id: entity.replacesAccountId } : null,
    agency: { id: entity.agencyId },
    unitId: entity.unitId,
    commissioningAgency: entity.commissioningAgencyId ? { id: entity.commissioningAgencyId } : null,
    itemsToAdd: items(entity.itemsToAdd),
    itemsToRemove: items(entity.itemsToRemove),
    proposedBusinessItem: proposal
      ? {
          legalBasisId: proposal.legalBasisId,
          newLegalBasisLaws: proposal.legalBasis?.lawsZh ?? null,
          newLegalBasisCategory: proposal.legalBasis?.category ?? null,
          name: proposal.nameZh,
          purpose: proposal.purposeZh,
          unitIds: proposal.unitIds,
        }
      : null,
    reason: entity.reason,
    personalDataAcknowledged: entity.personalDataAcknowledged,
    submittedAt: entity.submittedAt,
    decidedAt: entity.decidedAt,
    appliedAt: entity.appliedAt,
    currentStep: entity.currentStep,
  };
}

export function presentEvent(event: ApplicationEventEntity): ApplicationEventType {
  return {
    sequence: event.sequence,
    event: event.event,
    stepIndex: event.stepIndex,
    role: event.role,
    action: event.action,
    actor: { id: event.actorAccountId },
    actorAgency: { id: event.actorAgencyId },
    onBehalfOf: event.onBehalfOf,
    comment: event.comment,
    actedAt: event.actedAt,
  };
}

export function presentSteps(entity: ApplicationEntity, events: readonly ApplicationEventEntity[]): ApplicationStepType[] {
  return entity.steps.map((step, index) => {
    const decision = events.find((event) => event.stepIndex === index) ?? null;
    const state = decision
      ? decision.event === 'REJECTED'
        ? 'REJECTED'
        : 'DONE'
      : entity.status === 'PENDING'
        ? index === entity.currentStep
          ? 'CURRENT'
          : 'WAITING'
        : 'NOT_REACHED';
    return {
      index,
      role: step.role,
      agencyScope: step.agency,
      action: step.action,
      title: step.titleZh,
      citation: step.citation,
      note: step.note ?? null,
      state,
      decision: decision ? presentEvent(decision) : null,
    };
  });
}

/** The profile's retention for this form: applications are never deleted before it (nor by the application role at all). */
export function retentionOf(entity: ApplicationEntity): RetentionPeriodType | null {
  const version = rules.versions(entity.cityId, entity.service).find((v) => v.id === entity.ruleVersionId);
  if (!version) return null;
  const kinds = entity.kind === 'agency-admin-account' && entity.operation === 'change' ? ['admin-change-form', 'account-application'] : ['account-application'];
  const rule = kinds.map((kind) => version.retention.value.find((r) => r.recordKind === kind)).find((r) => r !== undefined);
  if (!rule) return null;
  let keepUntil: string | null = null;
  if (rule.startsAt === 'record-date') {
    const base = entity.decidedAt ?? entity.submittedAt;
    const local = new Date(base.getTime() + 8 * 3_600_000);
    local.setUTCFullYear(local.getUTCFullYear() + rule.minimumYears);
    keepUntil = local.toISOString().slice(0, 10);
  }
  return { minimumYears: rule.minimumYears, startsAt: rule.startsAt, citation: rule.citation, keepUntil };
}

/**
 * The application printed as the form it replaces: the fields, the items ticked and each signature
 * box filled with who signed, when and what they said.
 */
export function renderForm(entity: ApplicationEntity, events: readonly ApplicationEventEntity[], names: (accountId: string) => string): string {
  const lines: string[] = [];
  const date = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  lines.push(`${entity.formNumber ?? ''} ${entity.formTitleZh ?? entity.kind}`.trim());
  lines.push(`控制編號: ${entity.id}`);
  lines.push(`申請: ${date(entity.submittedAt)}    申請型態: ${entity.operation}    狀態: ${entity.status}`);
  lines.push(`申請人: ${names(entity.applicantAccountId)}    申請機關: ${entity.agencyId}${entity.unitId ? `    科室: ${entity.unitId}` : ''}`);
  if (entity.subjectAccountId !== entity.applicantAccountId) lines.push(`申請對象: ${names(entity.subjectAccountId)}`);
  if (entity.replacesAccountId) lines.push(`原機關管理者: ${names(entity.replacesAccountId)}`);
  lines.push(`申請事由: ${entity.reason}`);
  for (const [label, keys] of [['新增項目', entity.itemsToAdd], ['刪除項目', entity.itemsToRemove]] as const) {
    for (const key of keys) {
      const item = findItem(key);
      lines.push(`[${label === '新增項目' ? 'V' : 'X'}] ${item ? `${item.code} ${item.nameZh}${item.lookupKeyZh ? ` (${item.lookupKeyZh})` : ''}` : key}`);
    }
  }
  if (entity.proposedBusinessItem) {
    const proposal = entity.proposedBusinessItem;
    lines.push(`業務項目: ${proposal.nameZh}    使用目的: ${proposal.purposeZh}${proposal.legalBasis?.lawsZh ? `    法律依據: ${proposal.legalBasis.lawsZh}` : ''}`);
  }
  lines.push(`個資保護提醒事項 已閱讀完畢: ${entity.personalDataAcknowledged ? 'V' : ' '}`);
  const submitted = events.find((event) => event.event === 'SUBMITTED');
  if (submitted) lines.push(`申請人核章: ${names(submitted.actorAccountId)} ${date(submitted.actedAt)}`);
  entity.steps.forEach((step, index) => {
    const decision = events.find((event) => event.stepIndex === index);
    const signed = decision
      ? `${decision.event === 'APPROVED' ? '同意' : '不同意'} ${names(decision.actorAccountId)}${decision.onBehalfOf ? ` (代登錄 ${decision.onBehalfOf})` : ''} ${date(decision.actedAt)}${decision.comment ? ` 意見: ${decision.comment}` : ''}`
      : '';
    lines.push(`${step.titleZh} (${step.citation}): ${signed}`);
  });
  const withdrawn = events.find((event) => event.event === 'WITHDRAWN');
  if (withdrawn) lines.push(`撤回: ${names(withdrawn.actorAccountId)} ${date(withdrawn.actedAt)}${withdrawn.comment ? ` ${withdrawn.comment}` : ''}`);
  return `${lines.join('\n')}\n`;
}
