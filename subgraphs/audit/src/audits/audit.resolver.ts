import { ForbiddenError } from '@custos/federation';
import { requireAccount, type RequestContext } from '@custos/tenancy';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AuditContext } from '../context';
import { parseDateArg, taiwanToday } from '../shared/dates';
import type { AuditEntity } from './audit.entity';
import { presentAudit, presentSampledRecord } from './audit.presenter';
import { AUDIT_READERS, mayReadAudits } from './audit.policy';
import {
  AuditReviewProgressType,
  AuditState,
  ChecklistEntryType,
  JudgeSampledRecordInput,
  RecordChecklistInput,
  SignoffStepType,
} from './audit-review.type';
import { AuditType, DrawAuditSampleInput, SampledRecordType, SampleVerificationType } from './audit.type';

function requireAuditReader(ctx: RequestContext) {
  const viewer = requireAccount(ctx);
  if (!mayReadAudits(viewer)) throw new ForbiddenError(`Audits are open to these roles: ${AUDIT_READERS.join(', ')}.`, { requiredRoles: AUDIT_READERS });
  return viewer;
}

/** What the review services need of an audit already presented. */
function auditRef(audit: AuditType, cityId: string): AuditEntity {
  return { ...audit, cityId, method: audit.method, stratifyBy: [], samplingRule: null } as unknown as AuditEntity;
}

@Resolver(() => AuditType)
export class AuditResolver {
  @Mutation(() => AuditType, {
    description:
      "Draws the sample of an audit of a period by the city's rule (sample size, period), with a stored random seed, the rule version and the population's SHA-256. One draw per period and scope.",
  })
  async drawAuditSample(@Ctx() ctx: AuditContext, @Arg('input', () => DrawAuditSampleInput) input: DrawAuditSampleInput): Promise<AuditType> {
    const viewer = requireAccount(ctx);
    const periodStart = parseDateArg(input.periodStart, 'periodStart');
    const periodEnd = parseDateArg(input.periodEnd, 'periodEnd');
    const manager = await ctx.scope.manager(viewer.cityId);
    const audit = await ctx.services.audits.draw(
      manager,
      viewer.cityId,
      viewer,
      { periodStart, periodEnd, agencyId: input.agencyId, unitId: input.unitId, stratifyBy: input.stratifyBy, service: input.service },
      taiwanToday(ctx.now),
    );
    return presentAudit(audit);
  }

  @Query(() => [AuditType], { description: "The city's audits, newest period first." })
  async audits(
    @Ctx() ctx: AuditContext,
    @Arg('periodFrom', () => String, { nullable: true, description: 'Audits of periods ending on or after this day.' }) periodFrom: string | null,
    @Arg('periodTo', () => String, { nullable: true, description: 'Audits of periods starting on or before this day.' }) periodTo: string | null,
  ): Promise<AuditType[]> {
    const viewer = requireAuditReader(ctx);
    const filter = { periodFrom: periodFrom ? parseDateArg(periodFrom, 'periodFrom') : null, periodTo: periodTo ? parseDateArg(periodTo, 'periodTo') : null };
    const manager = await ctx.scope.manager(viewer.cityId);
    return (await ctx.services.audits.list(manager, viewer.cityId, filter)).map(presentAudit);
  }

  @Query(() => AuditType, { nullable: true, description: 'One audit of the caller’s city.' })
  async audit(@Ctx() ctx: AuditContext, @Arg('id', () => ID) id: string): Promise<AuditType | null> {
    const viewer = requireAuditReader(ctx);
    const manager = await ctx.scope.manager(viewer.cityId);
    const audit = await ctx.services.audits.get(manager, viewer.cityId, id);
    return audit ? presentAudit(audit) : null;
  }

  @Query(() => SampleVerificationType, {
    description: 'Draws the audit’s sample again with its stored seed and rule, and says whether the population and the sample are the same.',
  })
  async verifyAuditSample(@Ctx() ctx: AuditContext, @Arg('auditId', () => ID) auditId: string): Promise<SampleVerificationType> {
    const viewer = requireAuditReader(ctx);
    const manager = await ctx.scope.manager(viewer.cityId);
    return ctx.services.audits.verify(manager, viewer.cityId, auditId);
  }

  @Mutation(() => SampledRecordType, {
    description: 'Judges a sampled record on some or all criteria (符合/不符/不適用, with notes). Answers can be revised until the first signature.',
  })
  async judgeSampledRecord(@Ctx() ctx: AuditContext, @Arg('input', () => JudgeSampledRecordInput) input: JudgeSampledRecordInput): Promise<SampledRecordType> {
    const viewer = requireAccount(ctx);
    const manager = await ctx.scope.manager(viewer.cityId);
    const record = await ctx.services.reviews.judge(manager, viewer.cityId, viewer, input, ctx.now);
    const audit = await ctx.services.audits.require(manager, viewer.cityId, input.auditId);
    const judgments = await ctx.services.reviews.judgmentsFor(manager, audit, [record]);
    return presentSampledRecord(record, judgments.get(record.position) ?? []);
  }

  @Mutation(() => AuditType, { description: 'Answers items of the city’s audit checklist (符合/不符 with notes) and the form’s 上次稽核結果 and 稽核結果及建議.' })
  async recordChecklistResults(@Ctx() ctx: AuditContext, @Arg('input', () => RecordChecklistInput) input: RecordChecklistInput): Promise<AuditType> {
    const viewer = requireAccount(ctx);
    const manager = await ctx.scope.manager(viewer.cityId);
    await ctx.services.reviews.recordChecklist(manager, viewer.cityId, viewer, input, ctx.now);
    return presentAudit(await ctx.services.audits.require(manager, viewer.cityId, input.auditId));
  }

  @Mutation(() => AuditType, {
    description: 'Signs the next step of the audit’s sign-off (auditor → unit head → agency head, as the city’s rules have them). Nobody signs twice.',
  })
  async signOffAudit(@Ctx() ctx: AuditContext, @Arg('auditId', () => ID) auditId: string, @Arg('note', () => String, { nullable: true }) note: string | null): Promise<AuditType> {
    const viewer = requireAccount(ctx);
    const manager = await ctx.scope.manager(viewer.cityId);
    await ctx.services.reviews.signOff(manager, viewer.cityId, viewer, auditId, note, ctx.now);
    return presentAudit(await ctx.services.audits.require(manager, viewer.cityId, auditId));
  }

  @FieldResolver(() => [SampledRecordType], { description: 'The sampled records in draw order, a page at a time.' })
  async sample(
    @Root() audit: AuditType,
    @Ctx() ctx: AuditContext,
    @Arg('afterPosition', () => Int, { nullable: true }) afterPosition: number | null,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
  ): Promise<SampledRecordType[]> {
    const viewer = requireAuditReader(ctx);
    const manager = await ctx.scope.manager(viewer.cityId);
    const records = await ctx.services.audits.sample(manager, viewer.cityId, audit.id, { afterPosition, first });
    const judgments = await ctx.services.reviews.judgmentsFor(manager, auditRef(audit, viewer.cityId), records);
    return records.map((record) => presentSampledRecord(record, judgments.get(record.position) ?? []));
  }

  @FieldResolver(() => AuditState)
  async state(@Root() audit: AuditType, @Ctx() ctx: AuditContext): Promise<AuditState> {
    const viewer = requireAuditReader(ctx);
    return ctx.services.reviews.state(await ctx.scope.manager(viewer.cityId), auditRef(audit, viewer.cityId));
  }

  @FieldResolver(() => AuditReviewProgressType)
  async progress(@Root() audit: AuditType, @Ctx() ctx: AuditContext): Promise<AuditReviewProgressType> {
    const viewer = requireAuditReader(ctx);
    return ctx.services.reviews.progress(await ctx.scope.manager(viewer.cityId), auditRef(audit, viewer.cityId));
  }

  @FieldResolver(() => [ChecklistEntryType], { description: 'The city’s checklist (Tainan 附件四’s five items…) with answers and the previous audit’s; empty where the rules give none.' })
  async checklist(@Root() audit: AuditType, @Ctx() ctx: AuditContext): Promise<ChecklistEntryType[]> {
    const viewer = requireAuditReader(ctx);
    return ctx.services.reviews.checklist(await ctx.scope.manager(viewer.cityId), auditRef(audit, viewer.cityId));
  }

  @FieldResolver(() => [SignoffStepType], { description: 'The sign-off chain in order, with who signed each step.' })
  async signoffs(@Root() audit: AuditType, @Ctx() ctx: AuditContext): Promise<SignoffStepType[]> {
    const viewer = requireAuditReader(ctx);
    return ctx.services.reviews.signoffs(await ctx.scope.manager(viewer.cityId), auditRef(audit, viewer.cityId));
  }
}
