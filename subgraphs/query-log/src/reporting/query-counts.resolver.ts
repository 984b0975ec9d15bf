import { requireAccount } from '@custos/tenancy';
import { ForbiddenError } from '@custos/federation';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Query, Resolver } from 'type-graphql';
import type { QueryLogContext } from '../context';
import { operationLabel } from '../cross-city/cross-city.resolver';
import { crossCityRead } from '../cross-city/cross-city-reach';
import type { PurposeCategoryEnum } from '../requests/purpose-category';
import { QueryCountDimensionEnum, QueryCountFilter, QueryCountReportType, type QueryCountDimension } from './query-counts.types';

/** A city's own callers who may count its queries: those who supervise and audit the register. */
const CITY_REPORT_ROLES = ['TOP_ADMIN', 'REVIEWING_OFFICER', 'AGENCY_ADMIN', 'AUDITOR', 'ETHICS_OFFICER'] as const;

@Resolver()
export class QueryCountResolver {
  @Query(() => QueryCountReportType, {
    description:
      'Counts of queries by any of city, agency, unit, item, purpose and month, in one query. A city’s auditors and admins count their own city; a central agency (or its reporting token) counts its cities for its own service, and the read is logged in each city’s read log.',
  })
  async queryCounts(
    @Ctx() ctx: QueryLogContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('groupBy', () => [QueryCountDimensionEnum], { description: 'The dimensions to count by, e.g. [AGENCY, MONTH].' }) groupBy: QueryCountDimension[],
    @Arg('filter', () => QueryCountFilter, { nullable: true, description: 'Which records to count.' }) filter: QueryCountFilter | null,
  ): Promise<QueryCountReportType> {
    const viewer = requireAccount(ctx);
    const query = { groupBy, from: filter?.from, to: filter?.to, agencyId: filter?.agencyId, itemKey: filter?.itemKey };
    let rows;
    if (viewer.crossCity) {
      rows = await ctx.services.queryCounts.acrossCities(ctx.scope, crossCityRead(viewer, filter?.cityIds), query, operationLabel(info), ctx.now);
    } else {
      if (!viewer.roles.some((role) => (CITY_REPORT_ROLES as readonly string[]).includes(role))) {
        throw new ForbiddenError(`This needs one of these roles: ${CITY_REPORT_ROLES.join(', ')}.`, { requiredRoles: CITY_REPORT_ROLES });
      }
      rows = await ctx.services.queryCounts.forCity(ctx.scope, viewer.cityId, query);
    }
    const presented = rows.map((row) => ({ ...row, purposeCategory: row.purposeCategory as PurposeCategoryEnum | null }));
    return { groupBy: [...new Set(groupBy)], rows: presented, total: rows.reduce((sum, row) => sum + row.count, 0) };
  }
}
