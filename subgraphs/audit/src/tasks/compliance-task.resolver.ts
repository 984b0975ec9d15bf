import { requireAccount } from '@custos/tenancy';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { AuditContext } from '../context';
import { ComplianceTaskType, TaskState } from './compliance-task.type';

@Resolver(() => ComplianceTaskType)
export class ComplianceTaskResolver {
  @Query(() => [ComplianceTaskType], { description: "The caller's city's compliance calendar, by due date." })
  complianceTasks(@Ctx() ctx: AuditContext, @Arg('state', () => TaskState, { nullable: true }) state: TaskState | null): Promise<ComplianceTaskType[]> {
    const viewer = requireAccount(ctx);
    return ctx.services.tasks.list(ctx.scope, viewer.cityId, ctx.now, state);
  }
}
