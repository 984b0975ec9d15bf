import { requireAccount, requireRole } from '@custos/tenancy';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Int, Query, Resolver } from 'type-graphql';
import type { QueryLogContext } from '../context';
import { crossCityRead } from './cross-city-reach';
import { CrossCityQueryRecordConnection, CrossCityReadConnection, CrossCityRecordFilter } from './cross-city.types';

/** `<operation name>/<field>`: what the read log names as the operation. */
export function operationLabel(info: GraphQLResolveInfo): string {
  const name = info.operation.name?.value?.replace(/__[a-z_-]+__\d+$/, '') ?? 'anonymous';
  return `${name}/${info.fieldName}`;
}

@Resolver()
export class CrossCityResolver {
  @Query(() => CrossCityQueryRecordConnection, {
    description:
      'A central agency reads the cities’ query records of its own service only (labor-insurance or health-insurance), newest first. Every read is recorded in each city’s read log. FORBIDDEN for anyone without a cross-city reach, or for a city outside it.',
  })
  async bureauQueryRecords(
    @Ctx() ctx: QueryLogContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => CrossCityRecordFilter, { nullable: true, description: 'Cities, period and agency to read; all cities within reach when omitted.' }) filter: CrossCityRecordFilter | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after: string | null,
  ): Promise<CrossCityQueryRecordConnection> {
    const read = crossCityRead(requireAccount(ctx), filter?.cityIds);
    const page = await ctx.services.crossCity.records(ctx.scope, read, filter ?? {}, { first, after }, operationLabel(info), ctx.now);
    return {
      ...page,
      nodes: page.nodes.map((row) => ({
        id: row.id, cityId: row.cityId, agencyId: row.agencyId, unitId: row.unitId, itemKey: row.itemKey,
        caseNumber: row.caseNumber, purpose: row.purpose, legalBasis: row.legalBasis, queriedAt: row.queriedAt,
      })),
    };
  }

  @Query(() => CrossCityReadConnection, { description: 'The reads of your city’s records by central agencies, newest first (top admin).' })
  async crossCityReads(
    @Ctx() ctx: QueryLogContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after: string | null,
  ): Promise<CrossCityReadConnection> {
    const viewer = requireRole(ctx, ['TOP_ADMIN']);
    const page = await ctx.services.crossCity.readsOf(ctx.scope, viewer.cityId, { first, after });
    return { ...page, nodes: page.nodes.map((row) => ({ ...row })) };
  }
}
