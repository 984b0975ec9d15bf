import { requireAccount } from '@custos/tenancy';
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { QueryLogContext } from '../context';
import { presentQueryRecord, QueryRecordConnection, QueryRecordType } from './query-record.type';

@InputType('RecordQueryInput', { description: 'One query made under an approved request.' })
export class RecordQueryInput {
  @Field(() => ID) requestId!: string;
  @Field(() => String, { description: 'One of the request’s item keys.' }) itemKey!: string;
  @Field(() => Date, { nullable: true, description: 'When the query was made; now when omitted.' }) queriedAt?: Date | null;
}

@Resolver(() => QueryRecordType)
export class QueryRecordResolver {
  @Mutation(() => QueryRecordType, {
    description: 'Record a query (登記). Checks the request and the permissions decision at this moment; refuses with QUERY_REFUSED and every reason in extensions.reasons. Acknowledged only once committed.',
  })
  async recordQuery(@Ctx() ctx: QueryLogContext, @Arg('input', () => RecordQueryInput) input: RecordQueryInput): Promise<QueryRecordType> {
    const viewer = requireAccount(ctx);
    const record = await ctx.services.recordQuery.run(
      ctx.scope,
      viewer.cityId,
      { principal: viewer, delegationToken: ctx.delegationToken, clientAddress: ctx.clientAddress },
      { requestId: input.requestId, itemKey: input.itemKey, queriedAt: input.queriedAt ?? null },
      ctx.now,
    );
    return presentQueryRecord(record);
  }

  @Query(() => QueryRecordConnection, { description: "The signed-in user's own query register, newest first." })
  async myQueryRecords(
    @Ctx() ctx: QueryLogContext,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<QueryRecordConnection> {
    const viewer = requireAccount(ctx);
    const page = await ctx.services.records.listOwn(ctx.scope, viewer.cityId, viewer.accountId, { first, after });
    return { ...page, nodes: page.nodes.map(presentQueryRecord) };
  }
}
