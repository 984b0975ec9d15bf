import { operationLabel, reportReach, requireAccount } from '@custos/tenancy';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Field, ID, Info, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { PermissionsContext } from '../context';

@ObjectType('GrantCount', { description: 'How many agencies and officials of one city hold one query item at a moment.' })
export class GrantCountType {
  @Field(() => ID, { description: 'The city whose grants these are.' }) cityId!: string;
  @Field(() => String, { description: 'The query item key "<service>:<code>:<lookup key>".' }) itemKey!: string;
  @Field(() => Int, { description: 'Agencies holding the item (agency grants in force).' }) agencies!: number;
  @Field(() => Int, { description: 'Officials holding the item (user grants in force).' }) users!: number;
}

/** Issue 9: who in a city may read its grant aggregates (also a city's reporting token with AUDITOR). */
const REPORT_ROLES = ['TOP_ADMIN', 'REVIEWING_OFFICER', 'AUDITOR', 'ETHICS_OFFICER'] as const;

@Resolver()
export class GrantCountResolver {
  @Query(() => [GrantCountType], {
    description:
      'Grants in force by city and query item (agency and user grants), at `at` (now when omitted), ordered by city and item key. A city’s admins and auditors count their own city; a central agency (or its reporting token) counts the cities of its reach, items of its own service only, and the read is recorded in each city’s application read log.',
  })
  async grantCounts(
    @Ctx() ctx: PermissionsContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('at', () => Date, { nullable: true, description: 'The moment to count at; now when omitted.' }) at: Date | null,
    @Arg('cityIds', () => [ID], { nullable: true, description: 'Only these cities: for a central agency, each within its reach (all of them when omitted); a city’s caller may name its own city only.' })
    cityIds: string[] | null,
  ): Promise<GrantCountType[]> {
    const reach = reportReach(requireAccount(ctx), cityIds, REPORT_ROLES);
    return ctx.services.grantCounts.count(ctx.scope, reach, at ?? ctx.now, operationLabel(info), ctx.now);
  }
}
