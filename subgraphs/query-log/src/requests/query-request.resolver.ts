import { requireAccount } from '@custos/tenancy';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { QueryLogContext } from '../context';
import { validateBusinessNumber } from '../identifiers/business-number';
import { validateNationalId } from '../identifiers/national-id';
import { maskSubject, type SubjectKind } from '../identifiers/subject';
import { CreateQueryRequestInput, SubjectKindEnum } from './query-request.input';
import { presentQueryRequest, QueryRequestConnection, QueryRequestType, SubjectCheckType } from './query-request.type';

@Resolver(() => QueryRequestType)
export class QueryRequestResolver {
  @Mutation(() => QueryRequestType, { description: 'File a query request (查詢申請) before querying. Caseworkers only.' })
  async createQueryRequest(@Ctx() ctx: QueryLogContext, @Arg('input', () => CreateQueryRequestInput) input: CreateQueryRequestInput): Promise<QueryRequestType> {
    const viewer = requireAccount(ctx);
    const request = await ctx.services.requests.create(ctx.scope, viewer.cityId, viewer, await ctx.callerFacts(), input, ctx.now);
    return presentQueryRequest(request, ctx.now);
  }

  @Mutation(() => QueryRequestType, { description: 'Approve a query request (主管核可): the unit head of the requester’s unit, or the agency head; never one’s own.' })
  async approveQueryRequest(
    @Ctx() ctx: QueryLogContext,
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
  ): Promise<QueryRequestType> {
    const viewer = requireAccount(ctx);
    const request = await ctx.services.requests.decide(ctx.scope, viewer.cityId, viewer, await ctx.callerFacts(), { requestId: id, decision: 'APPROVED', note }, ctx.now);
    return presentQueryRequest(request, ctx.now);
  }

  @Mutation(() => QueryRequestType, { description: 'Reject a query request, with the reason.' })
  async rejectQueryRequest(@Ctx() ctx: QueryLogContext, @Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string): Promise<QueryRequestType> {
    const viewer = requireAccount(ctx);
    const request = await ctx.services.requests.decide(ctx.scope, viewer.cityId, viewer, await ctx.callerFacts(), { requestId: id, decision: 'REJECTED', note: reason }, ctx.now);
    return presentQueryRequest(request, ctx.now);
  }

  @Query(() => QueryRequestType, { nullable: true, description: 'One query request, if you filed it or supervise, administer or audit its agency.' })
  async queryRequest(@Ctx() ctx: QueryLogContext, @Arg('id', () => ID) id: string): Promise<QueryRequestType | null> {
    const viewer = requireAccount(ctx);
    const request = await ctx.services.requests.findVisible(ctx.scope, viewer.cityId, viewer, id);
    return request ? presentQueryRequest(request, ctx.now) : null;
  }

  @Query(() => QueryRequestConnection, { description: 'The query requests you filed, newest first.' })
  async myQueryRequests(
    @Ctx() ctx: QueryLogContext,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<QueryRequestConnection> {
    const viewer = requireAccount(ctx);
    const page = await ctx.services.requests.listOwn(ctx.scope, viewer.cityId, viewer.accountId, { first, after });
    return { ...page, nodes: page.nodes.map((request) => presentQueryRequest(request, ctx.now)) };
  }

  @Query(() => QueryRequestConnection, { description: 'Requests waiting for your decision as unit head (your unit) or agency head (your agency).' })
  async queryRequestsAwaitingMyDecision(
    @Ctx() ctx: QueryLogContext,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<QueryRequestConnection> {
    const viewer = requireAccount(ctx);
    const page = await ctx.services.requests.listAwaitingDecision(ctx.scope, viewer.cityId, viewer, await ctx.callerFacts(), { first, after });
    return { ...page, nodes: page.nodes.map((request) => presentQueryRequest(request, ctx.now)) };
  }

  @Query(() => SubjectCheckType, { description: 'Checks a national ID or business number (checksum included) as it is typed; stores and logs nothing.' })
  checkSubject(@Ctx() ctx: QueryLogContext, @Arg('kind', () => SubjectKindEnum) kind: SubjectKind, @Arg('value', () => String) value: string): SubjectCheckType {
    requireAccount(ctx);
    const result = kind === 'NATIONAL_ID' ? validateNationalId(value, ctx.now) : validateBusinessNumber(value);
    if (!result.valid) return { valid: false, code: kind === 'NATIONAL_ID' ? 'INVALID_NATIONAL_ID' : 'INVALID_BUSINESS_NUMBER', reason: result.reason, message: result.message, masked: null };
    return { valid: true, code: null, reason: null, message: null, masked: maskSubject({ kind, value: result.value }) };
  }
}
