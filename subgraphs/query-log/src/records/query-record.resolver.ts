import { requireAccount } from '@custos/tenancy';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { QueryLogContext } from '../context';
import { QueryRecordConnection, QueryRecordType } from './query-record.type';

@Resolver(() => QueryRecordType)
export class QueryRecordResolver {
  @Query(() => QueryRecordConnection, { description: "The signed-in user's own query register, newest first." })
  myQueryRecords(
    @Ctx() ctx: QueryLogContext,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<QueryRecordConnection> {
    const viewer = requireAccount(ctx);
    return ctx.services.records.listOwn(ctx.scope, viewer.cityId, viewer.accountId, { first, after });
  }
}
