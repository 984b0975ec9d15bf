import { requireAccount, requireRole } from '@custos/tenancy';
import { ForbiddenError } from '@custos/federation';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, mayReadAudits } from '../audits/audit.policy';
import { versionById } from '../audits/review-rules';
import type { AuditContext } from '../context';
import { cityService } from '../shared/city-rules';
import { parseDateArg, taiwanToday } from '../shared/dates';
import { presentTask } from '../tasks/compliance-task.service';
import { ComplianceTaskType } from '../tasks/compliance-task.type';
import type { InvestigationEntity } from './anomaly.entity';
import { presentFinding, presentInvestigation } from './anomaly.presenter';
import { ANOMALY_SCANNERS } from './anomaly.policy';
import {
  AnomalyRuleKind,
  AnomalyScanType,
  CloseInvestigationInput,
  FindingStatus,
  FindingType,
  InvestigationNoteType,
  InvestigationType,
} from './anomaly.type';

function requireReader(ctx: AuditContext) {
  const viewer = requireAccount(ctx);
  if (!mayReadAudits(viewer)) throw new ForbiddenError(`Findings are open to these roles: ${AUDIT_READERS.join(', ')}.`, { requiredRoles: AUDIT_READERS });
  return viewer;
}

function present(investigation: InvestigationEntity, cityId: string): InvestigationType {
  const version = versionById(cityId, cityService(cityId), investigation.ruleVersionId);
  return { ...presentInvestigation(investigation, version), notes: [], tasks: [] };
}

@Resolver(() => FindingType)
export class FindingResolver {
  @Mutation(() => AnomalyScanType, { description: 'Runs the anomaly rules over the city’s query records of a period (at most a year); findings already raised are refreshed, not repeated.' })
  async scanForAnomalies(@Ctx() ctx: AuditContext, @Arg('from', () => String) from: string, @Arg('to', () => String) to: string): Promise<AnomalyScanType> {
    const viewer = requireRole(ctx, ANOMALY_SCANNERS);
    const range = { from: parseDateArg(from, 'from'), to: parseDateArg(to, 'to') };
    const manager = await ctx.scope.manager(viewer.cityId);
    const scan = await ctx.services.anomalies.scan(manager, viewer.cityId, viewer.accountId, range.from, range.to, ctx.now);
    return {
      id: scan.scanId,
      periodStart: scan.periodStart,
      periodEnd: scan.periodEnd,
      rules: scan.rules as AnomalyRuleKind[],
      created: scan.created,
      findings: scan.findings.map(presentFinding),
    };
  }

  @Query(() => [FindingType], { description: 'The city’s anomaly findings, newest first.' })
  async findings(
    @Ctx() ctx: AuditContext,
    @Arg('status', () => FindingStatus, { nullable: true }) status: FindingStatus | null,
    @Arg('rule', () => AnomalyRuleKind, { nullable: true }) rule: AnomalyRuleKind | null,
    @Arg('from', () => String, { nullable: true }) from: string | null,
    @Arg('to', () => String, { nullable: true }) to: string | null,
  ): Promise<FindingType[]> {
    const viewer = requireReader(ctx);
    const filter = { status, ruleId: rule, from: from ? parseDateArg(from, 'from') : null, to: to ? parseDateArg(to, 'to') : null };
    const manager = await ctx.scope.manager(viewer.cityId);
    return (await ctx.services.anomalies.findings(manager, viewer.cityId, filter)).map(presentFinding);
  }

  @Query(() => FindingType, { nullable: true })
  async finding(@Ctx() ctx: AuditContext, @Arg('id', () => ID) id: string): Promise<FindingType | null> {
    const viewer = requireReader(ctx);
    const found = await ctx.services.anomalies.finding(await ctx.scope.manager(viewer.cityId), viewer.cityId, id);
    return found ? presentFinding(found) : null;
  }

  @FieldResolver(() => InvestigationType, { nullable: true })
  async investigation(@Root() finding: FindingType, @Ctx() ctx: AuditContext): Promise<InvestigationType | null> {
    const viewer = requireReader(ctx);
    const found = await ctx.services.anomalies.investigationOf(await ctx.scope.manager(viewer.cityId), viewer.cityId, finding.id);
    return found ? present(found, viewer.cityId) : null;
  }
}

@Resolver(() => InvestigationType)
export class InvestigationResolver {
  @Query(() => InvestigationType, { nullable: true })
  async investigation(@Ctx() ctx: AuditContext, @Arg('id', () => ID) id: string): Promise<InvestigationType | null> {
    const viewer = requireReader(ctx);
    const found = await ctx.services.anomalies.investigation(await ctx.scope.manager(viewer.cityId), viewer.cityId, id);
    return found ? present(found, viewer.cityId) : null;
  }

  @Mutation(() => InvestigationType, {
    description: 'Opens the joint investigation of a finding with the team the city’s rules name, and starts the tasks those rules attach to an anomaly.',
  })
  async openInvestigation(@Ctx() ctx: AuditContext, @Arg('findingId', () => ID) findingId: string): Promise<InvestigationType> {
    const viewer = requireAccount(ctx);
    const manager = await ctx.scope.manager(viewer.cityId);
    return present(await ctx.services.anomalies.open(manager, viewer.cityId, viewer, findingId, ctx.now, taiwanToday(ctx.now)), viewer.cityId);
  }

  @Mutation(() => InvestigationNoteType, { description: 'Adds a note to an open investigation (its team only).' })
  async addInvestigationNote(@Ctx() ctx: AuditContext, @Arg('investigationId', () => ID) investigationId: string, @Arg('body', () => String) body: string): Promise<InvestigationNoteType> {
    const viewer = requireAccount(ctx);
    const manager = await ctx.scope.manager(viewer.cityId);
    return ctx.services.anomalies.addNote(manager, viewer.cityId, viewer, investigationId, body, ctx.now);
  }

  @Mutation(() => InvestigationType, { description: 'Closes an investigation with its outcome and the actions the city’s rules provide for (e.g. revoke the account).' })
  async closeInvestigation(@Ctx() ctx: AuditContext, @Arg('input', () => CloseInvestigationInput) input: CloseInvestigationInput): Promise<InvestigationType> {
    const viewer = requireAccount(ctx);
    const manager = await ctx.scope.manager(viewer.cityId);
    return present(await ctx.services.anomalies.close(manager, viewer.cityId, viewer, input, ctx.now), viewer.cityId);
  }

  @FieldResolver(() => [InvestigationNoteType])
  async notes(@Root() investigation: InvestigationType, @Ctx() ctx: AuditContext): Promise<InvestigationNoteType[]> {
    const viewer = requireReader(ctx);
    return ctx.services.anomalies.notes(await ctx.scope.manager(viewer.cityId), viewer.cityId, investigation.id);
  }

  @FieldResolver(() => [ComplianceTaskType])
  async tasks(@Root() investigation: InvestigationType, @Ctx() ctx: AuditContext): Promise<ComplianceTaskType[]> {
    const viewer = requireReader(ctx);
    const tasks = await ctx.services.anomalies.eventTasks(await ctx.scope.manager(viewer.cityId), viewer.cityId, investigation.eventId);
    return tasks.map((task) => presentTask(task, taiwanToday(ctx.now)));
  }
}
