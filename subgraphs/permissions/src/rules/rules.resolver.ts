import { requireAccount } from '@custos/tenancy';
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { PermissionsContext } from '../context';
import { CityReference, RuleComparisonRowType, RuleStatusType } from './rules.type';

@Resolver(() => CityReference)
export class RulesResolver {
  @Query(() => [RuleComparisonRowType], { description: "The four cities' rules side by side, each cell with its citation, as in force on a date (default today)." })
  ruleComparison(@Ctx() ctx: PermissionsContext, @Arg('on', () => String, { nullable: true, description: 'YYYY-MM-DD' }) on: string | null): RuleComparisonRowType[] {
    requireAccount(ctx);
    return ctx.services.rules.comparison(on, ctx.now);
  }

  @FieldResolver(() => RuleStatusType, { nullable: true, description: "The city's rules for its data service on a date (default today)." })
  rulesInForce(@Root() city: CityReference, @Ctx() ctx: PermissionsContext, @Arg('on', () => String, { nullable: true, description: 'YYYY-MM-DD' }) on: string | null): RuleStatusType | null {
    return ctx.services.rules.status(city.id, on, ctx.now);
  }
}
