import { InputError } from '@custos/federation';
import { requireRole } from '@custos/tenancy';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { AuditContext } from '../context';
import { FindingCountFilter, FindingCountType, OverdueTaskCountType } from './audit-counts.types';

/** Issue 9: who in a city may read its audit aggregates (also a city's reporting token with AUDITOR). */
const REPORT_ROLES = ['TOP_ADMIN', 'REVIEWING_OFFICER', 'AUDITOR', 'ETHICS_OFFICER'] as const;

/**
 * Issue 9, the reporting aggregates of the audit: findings by rule and severity, overdue tasks by
 * obligation. One GROUP BY each, in the caller's city under row-level security, stably ordered.
 */
@Resolver()
export class AuditCountResolver {
  @Query(() => [FindingCountType], { description: 'Anomaly findings counted by rule and severity (high first), for the city’s admins and auditors.' })
  async findingCounts(@Ctx() ctx: AuditContext, @Arg('filter', () => FindingCountFilter, { nullable: true, description: 'Which findings to count.' }) filter: FindingCountFilter | null): Promise<FindingCountType[]> {
    const viewer = requireRole(ctx, REPORT_ROLES);
    const params: unknown[] = [viewer.cityId];
    const where = ['city_id = $1'];
    if (filter?.from) where.push(`detected_at >= $${params.push(filter.from)}`);
    if (filter?.to) where.push(`detected_at < $${params.push(filter.to)}`);
    if (filter?.status) {
      if (!['open', 'investigating', 'closed'].includes(filter.status)) throw new InputError('INVALID_STATUS', 'The status is open, investigating or closed.', 'status');
      where.push(`status = $${params.push(filter.status)}`);
    }
    const manager = await ctx.scope.manager(viewer.cityId);
    const rows: Array<{ rule_id: string; severity: string; n: number; unresolved: number }> = await manager.query(
      `SELECT rule_id, severity, count(*)::int AS n, count(*) FILTER (WHERE status <> 'closed')::int AS unresolved
         FROM audit.finding WHERE ${where.join(' AND ')}
        GROUP BY rule_id, severity
        ORDER BY CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, rule_id`,
      params,
    );
    return rows.map((row) => ({ ruleId: row.rule_id, severity: row.severity, count: row.n, unresolved: row.unresolved }));
  }

  @Query(() => [OverdueTaskCountType], { description: 'Compliance tasks past their due date and not done, counted by obligation (most first), for the city’s admins and auditors.' })
  async overdueTaskCounts(@Ctx() ctx: AuditContext): Promise<OverdueTaskCountType[]> {
    const viewer = requireRole(ctx, REPORT_ROLES);
    const manager = await ctx.scope.manager(viewer.cityId);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Taipei' }).format(ctx.now);
    const rows: Array<{ obligation_id: string; owner_role: string; n: number; oldest: string }> = await manager.query(
      `SELECT obligation_id, owner_role, count(*)::int AS n, to_char(min(due_on), 'YYYY-MM-DD') AS oldest
         FROM audit.compliance_task WHERE city_id = $1 AND completed_at IS NULL AND due_on < $2::date
        GROUP BY obligation_id, owner_role ORDER BY n DESC, obligation_id, owner_role`,
      [viewer.cityId, today],
    );
    return rows.map((row) => ({ obligationId: row.obligation_id, ownerRole: row.owner_role, count: row.n, oldestDueOn: row.oldest }));
  }
}
