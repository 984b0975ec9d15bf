import type { AccountPrincipal, Role } from '@custos/auth';
import { DomainError, ForbiddenError, InputError, NotFoundError } from '@custos/federation';
import { hasAnyRole } from '@custos/tenancy';
import type { EntityManager } from 'typeorm';
import { AuditSampleEntity } from './audit-sample.entity';
import { AuditSignoffEntity, ChecklistResultEntity, SampleJudgmentEntity } from './audit-review.entity';
import { AuditState, type ChecklistEntryType, type ChecklistResult, type CriterionJudgmentType, type JudgmentResult, type SampleCriterion, type SignoffStepType } from './audit-review.type';
import type { AuditEntity } from './audit.entity';
import { criteriaFor, knownVersion, SAMPLE_CRITERIA, signoffChain, versionById, versionForRecord } from './review-rules';

const MAX_NOTE = 2000;
const MAX_TEXT = 4000;
/** The obligations an audit of the same period fulfils when it is signed off. */
const FULFILLED_KINDS = ['sample-audit', 'internal-audit', 'register-check'];

function note(value: string | null | undefined, field: string, max = MAX_NOTE): string | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed.length > max) throw new InputError('NOTE_TOO_LONG', `Keep it under ${max} characters.`, field);
  return trimmed || null;
}

export interface ReviewProgress {
  sampleSize: number;
  judgedRecords: number;
  nonconformingRecords: number;
  checklistItems: number;
  checklistAnswered: number;
}

/**
 * Reviewing an audit: judging each sampled record, answering the city's checklist with the previous
 * audit's answers beside it, and signing it off in the order the rules set. The first signature closes
 * the review: nothing can be changed under a signature.
 */
export class AuditReviewService {
  /** The audit row, locked for this transaction: FOR SHARE while reviewing, FOR UPDATE while signing. */
  private async lockAudit(manager: EntityManager, cityId: string, auditId: string, mode: 'share' | 'update'): Promise<AuditEntity> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT id, service, rule_version_id, period_start::text, period_end::text, agency_id, unit_id, sample_size
         FROM audit.audit WHERE city_id = $1 AND id = $2 FOR ${mode === 'share' ? 'SHARE' : 'UPDATE'}`,
      [cityId, auditId],
    );
    const row = rows[0];
    if (!row) throw new NotFoundError('The audit');
    return {
      id: row.id,
      cityId,
      service: row.service,
      ruleVersionId: row.rule_version_id,
      periodStart: row.period_start,
      periodEnd: row.period_end,
      agencyId: row.agency_id,
      unitId: row.unit_id,
      sampleSize: row.sample_size,
    } as AuditEntity;
  }

  private async signatureCount(manager: EntityManager, cityId: string, auditId: string): Promise<number> {
    return manager.getRepository(AuditSignoffEntity).count({ where: { cityId, auditId } });
  }

  private requireReviewer(viewer: AccountPrincipal, audit: AuditEntity) {
    const reviewers = signoffChain(versionById(audit.cityId, audit.service, audit.ruleVersionId))[0]!.roles;
    if (!hasAnyRole(viewer, reviewers)) throw new ForbiddenError(`Reviewing this audit needs one of these roles: ${reviewers.join(', ')}.`, { requiredRoles: reviewers });
  }

  private async requireOpen(manager: EntityManager, audit: AuditEntity) {
    if ((await this.signatureCount(manager, audit.cityId, audit.id)) > 0) {
      throw new DomainError('AUDIT_LOCKED', 'The audit is being signed off: its judgments and checklist can no longer change.');
    }
  }

  /** The criteria of each sampled record, with the answers given so far. */
  async judgmentsFor(manager: EntityManager, audit: AuditEntity, records: AuditSampleEntity[]): Promise<Map<number, CriterionJudgmentType[]>> {
    const result = new Map<number, CriterionJudgmentType[]>();
    if (records.length === 0) return result;
    const rows = await manager
      .getRepository(SampleJudgmentEntity)
      .createQueryBuilder('j')
      .where('j.city_id = :cityId AND j.audit_id = :auditId AND j.position = ANY(:positions)', { cityId: audit.cityId, auditId: audit.id, positions: records.map((r) => r.position) })
      .getMany();
    const byKey = new Map(rows.map((row) => [`${row.position}/${row.criterion}`, row]));
    const fallback = knownVersion(audit.cityId, audit.service, audit.ruleVersionId);
    // An audit whose rule version the profiles do not know has no criteria to show (it cannot be reviewed).
    if (!fallback) return result;
    for (const record of records) {
      const version = versionForRecord(audit.cityId, audit.service, record.queriedAt, fallback);
      result.set(
        record.position,
        criteriaFor(version).map((c) => {
          const given = byKey.get(`${record.position}/${c.criterion}`);
          return {
            criterion: c.criterion as SampleCriterion,
            labelZh: c.labelZh,
            labelEn: c.labelEn,
            citation: c.citation,
            required: c.required,
            result: (given?.result as JudgmentResult | undefined) ?? null,
            note: given?.note ?? null,
            judgedBy: given?.judgedBy ?? null,
            judgedAt: given?.judgedAt ?? null,
          };
        }),
      );
    }
    return result;
  }

  /** Records how a sampled record fares on the criteria given (answers may be revised until the first signature). */
  async judge(
    manager: EntityManager,
    cityId: string,
    viewer: AccountPrincipal,
    input: { auditId: string; position: number; judgments: Array<{ criterion: SampleCriterion; result: JudgmentResult; note?: string | null }> },
    now: Date,
  ): Promise<AuditSampleEntity> {
    const audit = await this.lockAudit(manager, cityId, input.auditId, 'share');
    this.requireReviewer(viewer, audit);
    await this.requireOpen(manager, audit);
    const record = await manager.getRepository(AuditSampleEntity).findOne({ where: { cityId, auditId: audit.id, position: input.position } });
    if (!record) throw new NotFoundError('The sampled record');
    if (input.judgments.length === 0) throw new InputError('NO_JUDGMENTS', 'Judge the record on at least one criterion.', 'judgments');
    const criteria = new Map(criteriaFor(versionForRecord(cityId, audit.service, record.queriedAt, versionById(cityId, audit.service, audit.ruleVersionId))).map((c) => [c.criterion, c]));
    const seen = new Set<string>();
    const rows = input.judgments.map((j, i) => {
      const field = `judgments.${i}`;
      if (seen.has(j.criterion)) throw new InputError('DUPLICATE_CRITERION', `"${j.criterion}" is judged twice.`, field);
      seen.add(j.criterion);
      const rule = criteria.get(j.criterion)!;
      if (j.result === 'not-applicable' && rule.required) {
        throw new InputError('CRITERION_REQUIRED', `${rule.labelZh} applies to this record (${rule.citation}): answer 符合 or 不符.`, field);
      }
      const text = note(j.note, `${field}.note`);
      if (j.result === 'nonconforming' && !text) throw new InputError('NOTE_REQUIRED', 'Say what does not conform (不符) in the note.', `${field}.note`);
      return { criterion: j.criterion, result: j.result, note: text };
    });
    await manager.query(
      `INSERT INTO audit.sample_judgment (audit_id, city_id, position, criterion, result, note, judged_by, judged_at)
       SELECT $1, $2, $3, criterion, result, note, $4, $5 FROM unnest($6::text[], $7::text[], $8::text[]) AS t(criterion, result, note)
       ON CONFLICT (audit_id, position, criterion) DO UPDATE SET result = excluded.result, note = excluded.note, judged_by = excluded.judged_by, judged_at = excluded.judged_at`,
      [audit.id, cityId, record.position, viewer.accountId, now, rows.map((r) => r.criterion), rows.map((r) => r.result), rows.map((r) => r.note)],
    );
    return record;
  }

  /** The city's checklist for this audit's version, with answers and the previous audit's answers. */
  async checklist(manager: EntityManager, audit: AuditEntity): Promise<ChecklistEntryType[]> {
    const items = knownVersion(audit.cityId, audit.service, audit.ruleVersionId)?.audits.checklist;
    if (!items || items.value.items.length === 0) return [];
    const answers = await manager.getRepository(ChecklistResultEntity).find({ where: { cityId: audit.cityId, auditId: audit.id } });
    const previous: Array<{ item_id: string; result: string; audit_id: string }> = await manager.query(
      `SELECT DISTINCT ON (c.item_id) c.item_id, c.result, a.id AS audit_id
         FROM audit.audit a JOIN audit.checklist_result c ON c.audit_id = a.id AND c.city_id = a.city_id
        WHERE a.city_id = $1 AND a.service = $2 AND a.period_end < $3
          AND a.agency_id IS NOT DISTINCT FROM $4::uuid AND a.unit_id IS NOT DISTINCT FROM $5::uuid
        ORDER BY c.item_id, a.period_end DESC, a.drawn_at DESC`,
      [audit.cityId, audit.service, audit.periodStart, audit.agencyId, audit.unitId],
    );
    const answered = new Map(answers.map((a) => [a.itemId, a]));
    const before = new Map(previous.map((p) => [p.item_id, p]));
    return items.value.items.map((item) => {
      const answer = answered.get(item.id);
      const prior = before.get(item.id);
      return {
        itemId: item.id,
        textZh: item.textZh,
        textEn: item.textEn,
        verbatim: item.verbatim,
        citation: item.citation,
        result: (answer?.result as ChecklistResult | undefined) ?? null,
        note: answer?.note ?? null,
        previousResult: (prior?.result as ChecklistResult | undefined) ?? null,
        previousAuditId: prior?.audit_id ?? null,
        recordedBy: answer?.recordedBy ?? null,
        recordedAt: answer?.recordedAt ?? null,
      };
    });
  }

  /** Answers checklist items (符合/不符 with notes) and the form's free-text fields. */
  async recordChecklist(
    manager: EntityManager,
    cityId: string,
    viewer: AccountPrincipal,
    input: { auditId: string; answers: Array<{ itemId: string; result: ChecklistResult; note?: string | null }>; previousResultNote?: string | null; recommendations?: string | null },
    now: Date,
  ): Promise<void> {
    const audit = await this.lockAudit(manager, cityId, input.auditId, 'share');
    this.requireReviewer(viewer, audit);
    await this.requireOpen(manager, audit);
    const checklist = versionById(cityId, audit.service, audit.ruleVersionId).audits.checklist;
    const known = new Set(checklist.value.items.map((item) => item.id));
    const seen = new Set<string>();
    const rows = input.answers.map((a, i) => {
      const field = `answers.${i}`;
      if (!known.has(a.itemId)) {
        throw new InputError('UNKNOWN_CHECKLIST_ITEM', `"${a.itemId}" is not an item of this audit's checklist (${checklist.citation}).`, `${field}.itemId`);
      }
      if (seen.has(a.itemId)) throw new InputError('DUPLICATE_CHECKLIST_ITEM', `"${a.itemId}" is answered twice.`, `${field}.itemId`);
      seen.add(a.itemId);
      const text = note(a.note, `${field}.note`);
      if (a.result === 'nonconforming' && !text) throw new InputError('NOTE_REQUIRED', 'Explain a 不符 answer in the note (辦理情形說明).', `${field}.note`);
      return { itemId: a.itemId, result: a.result, note: text };
    });
    const previousResultNote = note(input.previousResultNote, 'previousResultNote', MAX_TEXT);
    const recommendations = note(input.recommendations, 'recommendations', MAX_TEXT);
    if (rows.length) {
      await manager.query(
        `INSERT INTO audit.checklist_result (audit_id, city_id, item_id, result, note, recorded_by, recorded_at)
         SELECT $1, $2, item_id, result, note, $3, $4 FROM unnest($5::text[], $6::text[], $7::text[]) AS t(item_id, result, note)
         ON CONFLICT (audit_id, item_id) DO UPDATE SET result = excluded.result, note = excluded.note, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
        [audit.id, cityId, viewer.accountId, now, rows.map((r) => r.itemId), rows.map((r) => r.result), rows.map((r) => r.note)],
      );
    }
    if (input.previousResultNote !== undefined || input.recommendations !== undefined) {
      await manager.query(
        `UPDATE audit.audit SET previous_result_note = CASE WHEN $3 THEN $4 ELSE previous_result_note END,
                                recommendations = CASE WHEN $5 THEN $6 ELSE recommendations END
          WHERE city_id = $1 AND id = $2`,
        [cityId, audit.id, input.previousResultNote !== undefined, previousResultNote, input.recommendations !== undefined, recommendations],
      );
    }
  }

  async progress(manager: EntityManager, audit: Pick<AuditEntity, 'id' | 'cityId' | 'service' | 'ruleVersionId' | 'sampleSize'>): Promise<ReviewProgress> {
    const [row]: Array<{ judged: number; nonconforming: number; answered: number }> = await manager.query(
      `SELECT (SELECT count(*)::int FROM (SELECT position FROM audit.sample_judgment WHERE city_id = $1 AND audit_id = $2 GROUP BY position HAVING count(*) = $3) j) AS judged,
              (SELECT count(DISTINCT position)::int FROM audit.sample_judgment WHERE city_id = $1 AND audit_id = $2 AND result = 'nonconforming') AS nonconforming,
              (SELECT count(*)::int FROM audit.checklist_result WHERE city_id = $1 AND audit_id = $2) AS answered`,
      [audit.cityId, audit.id, SAMPLE_CRITERIA.length],
    );
    return {
      sampleSize: audit.sampleSize,
      judgedRecords: row!.judged,
      nonconformingRecords: row!.nonconforming,
      checklistItems: knownVersion(audit.cityId, audit.service, audit.ruleVersionId)?.audits.checklist.value.items.length ?? 0,
      checklistAnswered: row!.answered,
    };
  }

  async signoffs(manager: EntityManager, audit: Pick<AuditEntity, 'id' | 'cityId' | 'service' | 'ruleVersionId'>): Promise<SignoffStepType[]> {
    const signed = await manager.getRepository(AuditSignoffEntity).find({ where: { cityId: audit.cityId, auditId: audit.id }, order: { step: 'ASC' } });
    const version = knownVersion(audit.cityId, audit.service, audit.ruleVersionId);
    // Without its rule version the chain is unknown: the signatures on record are still shown, as evidence.
    const chain = version
      ? signoffChain(version)
      : signed.map((s) => ({ step: s.step, roles: [s.role as Role], titleZh: null, citation: `rule version ${audit.ruleVersionId} (unknown to the rule profiles)` }));
    return chain.map((step) => {
      const signature = signed.find((s) => s.step === step.step);
      return {
        step: step.step,
        roles: step.roles,
        titleZh: step.titleZh,
        citation: step.citation,
        signedBy: signature?.accountId ?? null,
        signedAs: signature?.role ?? null,
        signedAt: signature?.signedAt ?? null,
        note: signature?.note ?? null,
      };
    });
  }

  async state(manager: EntityManager, audit: AuditEntity): Promise<AuditState> {
    const steps = await this.signoffs(manager, audit);
    const signed = steps.filter((s) => s.signedBy).length;
    // Under an unknown rule version the chain and the checklist are unknown and signing is refused:
    // never SIGNED_OFF nor READY_FOR_SIGNOFF (as bureauAudits has it).
    const known = knownVersion(audit.cityId, audit.service, audit.ruleVersionId) !== null;
    if (known && signed === steps.length) return AuditState.SIGNED_OFF;
    if (signed > 0) return AuditState.SIGNING;
    const p = await this.progress(manager, audit);
    if (known && p.judgedRecords === p.sampleSize && p.checklistAnswered === p.checklistItems) return AuditState.READY_FOR_SIGNOFF;
    return p.checklistAnswered > 0 || (await manager.getRepository(SampleJudgmentEntity).count({ where: { cityId: audit.cityId, auditId: audit.id } })) > 0
      ? AuditState.IN_REVIEW
      : AuditState.DRAWN;
  }

  /**
   * Signs the next step of the chain. The signer must hold that step's role, may not have signed an earlier
   * step, and the first signature needs every record judged and every checklist item answered.
   */
  async signOff(manager: EntityManager, cityId: string, viewer: AccountPrincipal, auditId: string, signNote: string | null | undefined, now: Date): Promise<void> {
    const text = note(signNote, 'note');
    const audit = await this.lockAudit(manager, cityId, auditId, 'update');
    const chain = signoffChain(versionById(cityId, audit.service, audit.ruleVersionId));
    const signed = await manager.getRepository(AuditSignoffEntity).find({ where: { cityId, auditId }, order: { step: 'ASC' } });
    if (signed.length === chain.length) throw new DomainError('AUDIT_SIGNED_OFF', 'This audit is already signed off.');
    const mine = signed.find((s) => s.accountId === viewer.accountId);
    if (mine) throw new DomainError('ALREADY_SIGNED', `You signed step ${mine.step} of this audit; each step needs a different person.`);
    const next = chain[signed.length]!;
    if (!hasAnyRole(viewer, next.roles)) {
      throw new ForbiddenError(`Step ${next.step} of the sign-off is for ${next.titleZh ?? next.roles.join(', ')} (${next.roles.join(', ')}).`, { requiredRoles: next.roles });
    }
    // The heads who sign after the auditor are those of the audited agency, or of the auditor's agency for a city-wide audit.
    const supervising = next.roles.includes('UNIT_HEAD') || next.roles.includes('AGENCY_HEAD');
    const agencyOfRecord = audit.agencyId ?? signed[0]?.agencyId ?? null;
    if (supervising && agencyOfRecord && viewer.agencyId !== agencyOfRecord) {
      throw new ForbiddenError('The heads of the audited agency (or of the auditor’s agency) sign this audit off.');
    }
    if (signed.length === 0) {
      const p = await this.progress(manager, audit);
      if (p.judgedRecords < p.sampleSize || p.checklistAnswered < p.checklistItems) {
        throw new DomainError(
          'REVIEW_INCOMPLETE',
          `Finish the review first: ${p.judgedRecords} of ${p.sampleSize} records judged on every criterion, ${p.checklistAnswered} of ${p.checklistItems} checklist items answered.`,
          { ...p },
        );
      }
    }
    const role = next.roles.find((r) => viewer.roles.includes(r))!;
    await manager.getRepository(AuditSignoffEntity).insert({ auditId, cityId, step: next.step, role, accountId: viewer.accountId, agencyId: viewer.agencyId, note: text, signedAt: now });
    if (next.step === chain.length && !audit.agencyId && !audit.unitId) {
      // The audit of the whole city fulfils the calendar's audit task for the same period.
      await manager.query(
        `UPDATE audit.compliance_task SET completed_at = $5, completed_by = $6, completion_note = $7
          WHERE city_id = $1 AND period_start = $2 AND period_end = $3 AND kind = ANY($4) AND event_id IS NULL AND agency_id IS NULL AND completed_at IS NULL`,
        [cityId, audit.periodStart, audit.periodEnd, FULFILLED_KINDS, now, viewer.accountId, `Audit ${audit.id} signed off`],
      );
    }
  }
}
