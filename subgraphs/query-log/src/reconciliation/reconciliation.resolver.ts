import { requireAccount } from '@custos/tenancy';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { QueryLogContext } from '../context';
import type { ItemKind } from './reconciliation.service';
import {
  presentGroup,
  presentItem,
  presentRun,
  presentSignOff,
  ReconciliationGroupType,
  ReconciliationItemConnection,
  ReconciliationItemKindEnum,
  ReconciliationRunType,
  ReconciliationSignOffType,
  ReconciliationTaskType,
} from './reconciliation.type';

@Resolver(() => ReconciliationRunType)
export class ReconciliationResolver {
  @Mutation(() => ReconciliationRunType, { description: 'Reconciles a month of your agency’s register with the imported bureau records (a top admin may name the agency).' })
  async reconcileMonth(
    @Ctx() ctx: QueryLogContext,
    @Arg('month', () => String, { description: 'YYYY-MM' }) month: string,
    @Arg('agencyId', () => ID, { nullable: true }) agencyId: string | null,
  ): Promise<ReconciliationRunType> {
    const viewer = requireAccount(ctx);
    return presentRun(await ctx.services.reconciliation.run(ctx.scope, viewer.cityId, viewer, { month, agencyId }, ctx.now));
  }

  @Mutation(() => ReconciliationSignOffType, { description: 'Signs off a reconciliation for your unit (unit admin), or for the records of no unit (agency admin). Differences need a note.' })
  async signOffReconciliation(
    @Ctx() ctx: QueryLogContext,
    @Arg('runId', () => ID) runId: string,
    @Arg('unitId', () => ID, { nullable: true }) unitId: string | null,
    @Arg('note', () => String, { nullable: true }) note: string | null,
  ): Promise<ReconciliationSignOffType> {
    const viewer = requireAccount(ctx);
    return presentSignOff(await ctx.services.reconciliation.signOff(ctx.scope, viewer.cityId, viewer, () => ctx.callerFacts(), { runId, unitId, note }, ctx.now));
  }

  @Query(() => ReconciliationRunType, { nullable: true, description: 'One reconciliation of your agency.' })
  async reconciliationRun(@Ctx() ctx: QueryLogContext, @Arg('id', () => ID) id: string): Promise<ReconciliationRunType | null> {
    const viewer = requireAccount(ctx);
    const run = await ctx.services.reconciliation.findVisibleRun(ctx.scope, viewer.cityId, viewer, id);
    return run ? presentRun(run) : null;
  }

  @Query(() => [ReconciliationRunType], { description: 'Reconciliations of your agency (a top admin: of the city or one agency), newest month first.' })
  async reconciliationRuns(
    @Ctx() ctx: QueryLogContext,
    @Arg('month', () => String, { nullable: true }) month: string | null,
    @Arg('agencyId', () => ID, { nullable: true }) agencyId: string | null,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
  ): Promise<ReconciliationRunType[]> {
    const viewer = requireAccount(ctx);
    return (await ctx.services.reconciliation.listRuns(ctx.scope, viewer.cityId, viewer, { month, agencyId }, first, ctx.now)).map(presentRun);
  }

  @Query(() => [ReconciliationTaskType], { description: 'The reconciliation duties of your city’s rules due between two dates (YYYY-MM-DD), DONE, OPEN or OVERDUE.' })
  async reconciliationTasks(@Ctx() ctx: QueryLogContext, @Arg('from', () => String) from: string, @Arg('to', () => String) to: string): Promise<ReconciliationTaskType[]> {
    const viewer = requireAccount(ctx);
    return ctx.services.reconciliation.tasks(ctx.scope, viewer.cityId, viewer, () => ctx.callerFacts(), { from, to }, ctx.now);
  }

  @FieldResolver(() => [ReconciliationGroupType], { description: 'Count-level result per unit and official.' })
  async groups(@Root() run: ReconciliationRunType, @Ctx() ctx: QueryLogContext): Promise<ReconciliationGroupType[]> {
    return (await ctx.services.reconciliation.groups(ctx.scope, run.row.cityId, run.id)).map(presentGroup);
  }

  @FieldResolver(() => [ReconciliationSignOffType])
  async signOffs(@Root() run: ReconciliationRunType, @Ctx() ctx: QueryLogContext): Promise<ReconciliationSignOffType[]> {
    return (await ctx.services.reconciliation.signOffs(ctx.scope, run.row.cityId, run.id)).map(presentSignOff);
  }

  @FieldResolver(() => ReconciliationItemConnection, { description: 'Record level: one of the three lists, optionally for one unit or official.' })
  async items(
    @Root() run: ReconciliationRunType,
    @Ctx() ctx: QueryLogContext,
    @Arg('kind', () => ReconciliationItemKindEnum) kind: ItemKind,
    @Arg('unitId', () => ID, { nullable: true }) unitId: string | null,
    @Arg('accountId', () => ID, { nullable: true }) accountId: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<ReconciliationItemConnection> {
    const page = await ctx.services.reconciliation.items(ctx.scope, run.row.cityId, run.row, { kind, unitId, accountId }, { first, after });
    return { nodes: page.nodes.map(presentItem), pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
  }
}
