import { requireRole } from '@custos/tenancy';
import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { PermissionsContext } from '../context';

@ObjectType('GrantCount', { description: 'How many agencies and officials hold one query item at a moment.' })
export class GrantCountType {
  @Field(() => String, { description: 'The query item key "<service>:<code>:<lookup key>".' }) itemKey!: string;
  @Field(() => Int, { description: 'Agencies holding the item (agency grants in force).' }) agencies!: number;
  @Field(() => Int, { description: 'Officials holding the item (user grants in force).' }) users!: number;
}

/** Issue 9: who in a city may read its grant aggregates (also a city's reporting token with AUDITOR). */
const REPORT_ROLES = ['TOP_ADMIN', 'REVIEWING_OFFICER', 'AUDITOR', 'ETHICS_OFFICER'] as const;

@Resolver()
export class GrantCountResolver {
  @Query(() => [GrantCountType], { description: 'Grants in force by query item (agency and user grants), at `at` (now when omitted), ordered by item key. For the city’s admins and auditors.' })
  async grantCounts(@Ctx() ctx: PermissionsContext, @Arg('at', () => Date, { nullable: true, description: 'The moment to count at; now when omitted.' }) at: Date | null): Promise<GrantCountType[]> {
    const viewer = requireRole(ctx, REPORT_ROLES);
    const manager = await ctx.scope.manager(viewer.cityId);
    const moment = at ?? ctx.now;
    const rows: Array<{ item_key: string; agencies: number; users: number }> = await manager.query(
      `WITH a AS (SELECT item_key, count(DISTINCT agency_id)::int AS n FROM permissions.agency_grant
                   WHERE city_id = $1 AND granted_at <= $2 AND (revoked_at IS NULL OR revoked_at > $2) GROUP BY item_key),
            u AS (SELECT item_key, count(DISTINCT account_id)::int AS n FROM permissions.user_grant
                   WHERE city_id = $1 AND granted_at <= $2 AND (revoked_at IS NULL OR revoked_at > $2) GROUP BY item_key)
       SELECT coalesce(a.item_key, u.item_key) AS item_key, coalesce(a.n, 0) AS agencies, coalesce(u.n, 0) AS users
         FROM a FULL JOIN u ON u.item_key = a.item_key ORDER BY 1`,
      [viewer.cityId, moment],
    );
    return rows.map((row) => ({ itemKey: row.item_key, agencies: row.agencies, users: row.users }));
  }
}
