import { InputError } from '@custos/federation';
import { requireRole } from '@custos/tenancy';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { AuditContext } from '../context';
import { ChangeTrailEntryType } from './change-trail.type';

/** Who may read the trail: the city's auditors and its ethics officer — not the admins whose changes it records. */
const TRAIL_READERS = ['AUDITOR', 'ETHICS_OFFICER'] as const;
const SUBGRAPHS = ['identity', 'permissions', 'query_log', 'audit'] as const;

@Resolver()
export class ChangeTrailResolver {
  @Query(() => [ChangeTrailEntryType], {
    description:
      'The audit trail of your city: every change made in any subgraph (who, when, from where, which operation, the row before and after) and the recorded reads of the query log, newest first.',
  })
  async changeTrail(
    @Ctx() ctx: AuditContext,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('subgraph', () => String, { nullable: true }) subgraphArg: string | null | undefined,
    @Arg('rowId', () => String, { nullable: true }) rowIdArg: string | null | undefined,
    @Arg('before', () => Date, { nullable: true, description: 'Only entries older than this instant (the next page).' }) beforeArg: Date | null | undefined,
  ): Promise<ChangeTrailEntryType[]> {
    const subgraph = subgraphArg ?? null;
    const rowId = rowIdArg ?? null;
    const before = beforeArg ?? null;
    const viewer = requireRole(ctx, TRAIL_READERS);
    if (first < 1 || first > 500) throw new InputError('FIRST_OUT_OF_RANGE', 'Ask for 1 to 500 entries.', 'first');
    if (subgraph !== null && !(SUBGRAPHS as readonly string[]).includes(subgraph)) {
      throw new InputError('UNKNOWN_SUBGRAPH', `The trail covers ${SUBGRAPHS.join(', ')}.`, 'subgraph');
    }
    const manager = await ctx.scope.manager(viewer.cityId);
    const union = SUBGRAPHS.filter((name) => subgraph === null || name === subgraph)
      .map(
        (name) => `select id, '${name}' as subgraph, occurred_at, account_id, client_address, operation, arguments, table_name, action, row_id, before, after
                     from ${name}.mutation_trail where city_id = $1 and ($2::text is null or row_id = $2) and ($3::timestamptz is null or occurred_at < $3)`,
      )
      .join(' union all ');
    const rows: Array<Record<string, any>> = await manager.query(`select * from (${union}) trail order by occurred_at desc, id desc limit $4`, [viewer.cityId, rowId, before, first]);
    return rows.map((row) => ({
      id: row.id,
      subgraph: row.subgraph,
      occurredAt: row.occurred_at,
      accountId: row.account_id,
      clientAddress: row.client_address,
      operation: row.operation,
      arguments: row.arguments === null ? null : JSON.stringify(row.arguments),
      tableName: row.table_name,
      action: row.action,
      rowId: row.row_id,
      before: row.before === null ? null : JSON.stringify(row.before),
      after: row.after === null ? null : JSON.stringify(row.after),
    }));
  }
}
