import { requireAccount, requireRole } from '@custos/tenancy';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { BureauAuditRequestType } from '../bureau/bureau.types';
import type { AuditContext } from '../context';
import { parseDateArg, taiwanToday } from '../shared/dates';
import { CALENDAR_GENERATORS, EVENT_RECORDERS } from './compliance-task.policy';
import { CalendarGenerationType, ComplianceTaskType, ObligationEventKind, ObligationEventType, TaskState } from './compliance-task.type';

@Resolver(() => ComplianceTaskType)
export class ComplianceTaskResolver {
  @Query(() => [ComplianceTaskType], {
    description:
      "The caller's city's compliance calendar, by due date. Top and agency admins see every task (overdue ones included); others see the tasks of the roles they hold.",
  })
  async complianceTasks(
    @Ctx() ctx: AuditContext,
    @Arg('state', () => TaskState, { nullable: true }) state: TaskState | null,
    @Arg('dueFrom', () => String, { nullable: true, description: 'Only tasks due on or after this day (YYYY-MM-DD).' }) dueFrom: string | null,
    @Arg('dueTo', () => String, { nullable: true, description: 'Only tasks due on or before this day (YYYY-MM-DD).' }) dueTo: string | null,
  ): Promise<ComplianceTaskType[]> {
    const viewer = requireAccount(ctx);
    const filter = { state, dueFrom: dueFrom ? parseDateArg(dueFrom, 'dueFrom') : null, dueTo: dueTo ? parseDateArg(dueTo, 'dueTo') : null };
    const manager = await ctx.scope.manager(viewer.cityId);
    return ctx.services.tasks.list(manager, viewer.cityId, viewer, taiwanToday(ctx.now), filter);
  }

  @Mutation(() => CalendarGenerationType, {
    description: "Creates the city's compliance tasks falling due between `from` and `to` from its rule profile (top admin). Running it again creates nothing twice.",
  })
  async generateComplianceCalendar(
    @Ctx() ctx: AuditContext,
    @Arg('from', () => String, { description: 'First due date to include (YYYY-MM-DD).' }) from: string,
    @Arg('to', () => String, { description: 'Last due date to include (YYYY-MM-DD); at most two years after `from`.' }) to: string,
  ): Promise<CalendarGenerationType> {
    const viewer = requireRole(ctx, CALENDAR_GENERATORS);
    const range = { from: parseDateArg(from, 'from'), to: parseDateArg(to, 'to') };
    const manager = await ctx.scope.manager(viewer.cityId);
    return ctx.services.tasks.generate(manager, viewer.cityId, range.from, range.to, taiwanToday(ctx.now));
  }

  @Mutation(() => ObligationEventType, {
    description:
      'Records that something happened (an admin change, a user leaving, an anomaly, an incident) and creates the tasks the rules in force that day attach to it, with their deadlines.',
  })
  async recordObligationEvent(
    @Ctx() ctx: AuditContext,
    @Arg('kind', () => ObligationEventKind) kind: ObligationEventKind,
    @Arg('occurredOn', () => String, { description: 'The day it happened (YYYY-MM-DD).' }) occurredOn: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
  ): Promise<ObligationEventType> {
    const viewer = requireRole(ctx, EVENT_RECORDERS);
    const day = parseDateArg(occurredOn, 'occurredOn');
    const manager = await ctx.scope.manager(viewer.cityId);
    return ctx.services.tasks.recordEvent(manager, viewer.cityId, { kind, occurredOn: day, note, recordedBy: viewer.accountId }, taiwanToday(ctx.now));
  }

  @Mutation(() => ComplianceTaskType, { description: 'Marks a task done. Only a holder of the task’s owner role may complete it.' })
  async completeComplianceTask(
    @Ctx() ctx: AuditContext,
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
  ): Promise<ComplianceTaskType> {
    const viewer = requireAccount(ctx);
    const manager = await ctx.scope.manager(viewer.cityId);
    return ctx.services.tasks.complete(manager, viewer.cityId, viewer, id, note, ctx.now, taiwanToday(ctx.now));
  }

  @FieldResolver(() => BureauAuditRequestType, { nullable: true, description: 'The central agency’s audit request this task answers: period, agency, reason, who asked.' })
  async bureauRequest(@Root() task: ComplianceTaskType, @Ctx() ctx: AuditContext): Promise<BureauAuditRequestType | null> {
    if (!task.bureauRequestId) return null;
    const viewer = requireAccount(ctx);
    const manager = await ctx.scope.manager(viewer.cityId);
    return ctx.services.bureau.requestOf(manager, viewer.cityId, task.bureauRequestId, taiwanToday(ctx.now));
  }
}
