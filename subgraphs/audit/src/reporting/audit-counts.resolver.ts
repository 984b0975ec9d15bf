import { operationLabel, reportReach, requireAccount } from '@custos/tenancy';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Query, Resolver } from 'type-graphql';
import type { AuditContext } from '../context';
import { taiwanToday } from '../shared/dates';
import { FindingCountFilter, FindingCountType, OverdueTaskCountFilter, OverdueTaskCountType } from './audit-counts.types';

/** Issue 9: who in a city may read its audit aggregates (also a city's reporting token with AUDITOR). */
const REPORT_ROLES = ['TOP_ADMIN', 'REVIEWING_OFFICER', 'AUDITOR', 'ETHICS_OFFICER'] as const;

/**
 * Issue 9, the reporting aggregates of the audit: findings by rule and severity, overdue tasks by
 * obligation, each also by city. A city's admins and auditors count their own city; a central agency
 * (or its reporting token) counts the cities of its reach for its own service, logged per city.
 */
@Resolver()
export class AuditCountResolver {
  @Query(() => [FindingCountType], {
    description:
      'Anomaly findings counted by city, rule and severity (high first). A city’s admins and auditors count their own city; a central agency (or its reporting token) counts the cities of its reach, of its own service (the service whose rules raised them), and the read is recorded in each city’s audit read log.',
  })
  async findingCounts(
    @Ctx() ctx: AuditContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => FindingCountFilter, { nullable: true, description: 'Which findings to count.' }) filter: FindingCountFilter | null,
  ): Promise<FindingCountType[]> {
    const reach = reportReach(requireAccount(ctx), filter?.cityIds, REPORT_ROLES);
    return ctx.services.counts.findings(ctx.scope, reach, { from: filter?.from, to: filter?.to, status: filter?.status }, operationLabel(info), ctx.now);
  }

  @Query(() => [OverdueTaskCountType], {
    description:
      'Compliance tasks past their due date and not done, counted by city, obligation and owner role (most first within a city). A city’s admins and auditors count their own city; a central agency (or its reporting token) counts the cities of its reach, tasks of its own service only (the service whose rules set the obligation), and the read is recorded in each city’s audit read log.',
  })
  async overdueTaskCounts(
    @Ctx() ctx: AuditContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => OverdueTaskCountFilter, { nullable: true, description: 'Which tasks to count.' }) filter: OverdueTaskCountFilter | null,
  ): Promise<OverdueTaskCountType[]> {
    const reach = reportReach(requireAccount(ctx), filter?.cityIds, REPORT_ROLES);
    return ctx.services.counts.overdueTasks(ctx.scope, reach, taiwanToday(ctx.now), operationLabel(info), ctx.now);
  }
}
