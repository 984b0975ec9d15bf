import type { AuditSampleEntity } from './audit-sample.entity';
import type { AuditEntity } from './audit.entity';
import type { CriterionJudgmentType } from './audit-review.type';
import { AuditMethod, DrawMethod, SampleStratum, type AuditType, type SampledRecordType } from './audit.type';
import { knownVersion } from './review-rules';

export function presentAudit(audit: AuditEntity): AuditType {
  const rule = audit.samplingRule;
  return {
    id: audit.id,
    service: audit.service,
    ruleVersionId: audit.ruleVersionId,
    ruleVersionKnown: knownVersion(audit.cityId, audit.service, audit.ruleVersionId) !== null,
    method: audit.method === 'sample' ? AuditMethod.SAMPLE : AuditMethod.FULL_REVIEW,
    samplingRule: rule
      ? { period: rule.period, unit: rule.unit, percent: rule.percent, minimum: rule.minimum, maximum: rule.maximum, allIfFewerThan: rule.allIfFewerThan, citation: rule.citation }
      : null,
    samplingCitation: audit.samplingCitation,
    periodStart: audit.periodStart,
    periodEnd: audit.periodEnd,
    agencyId: audit.agencyId,
    unitId: audit.unitId,
    stratifyBy: audit.stratifyBy.map((s) => (s === 'unit' ? SampleStratum.UNIT : SampleStratum.ITEM)),
    drawMethod: audit.drawMethod as DrawMethod,
    seed: audit.seed,
    populationCount: audit.populationCount,
    populationHash: audit.populationHash,
    sampleSize: audit.sampleSize,
    drawnBy: audit.drawnBy,
    drawnAt: audit.drawnAt,
    previousResultNote: audit.previousResultNote ?? null,
    recommendations: audit.recommendations ?? null,
  };
}

export function presentSampledRecord(row: AuditSampleEntity, judgments: CriterionJudgmentType[]): SampledRecordType {
  return {
    judgments,
    judged: judgments.every((j) => j.result !== null),
    position: row.position,
    queryRecordId: row.queryRecordId,
    sequence: String(row.sequence),
    queriedAt: row.queriedAt,
    accountId: row.accountId,
    agencyId: row.agencyId,
    unitId: row.unitId,
    itemKey: row.itemKey,
    stratum: row.stratum,
    drawKey: row.drawKey,
  };
}
