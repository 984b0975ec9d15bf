import { requireRole } from '@custos/tenancy';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { presentAccount } from '../accounts/account.presenter';
import { AccountType } from '../accounts/account.type';
import type { IdentityContext } from '../context';
import { requireUuid } from '../validation';
import { presentChange } from './change-record.presenter';
import { IdentityChangeConnection, IdentityChangeType } from './change-record.type';

@Resolver(() => IdentityChangeType)
export class ChangeRecordResolver {
  @Query(() => IdentityChangeConnection, { description: "The city's change history of identity data, newest first. Auditors and ethics officers." })
  async identityChanges(
    @Ctx() ctx: IdentityContext,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('entityId', () => ID, { nullable: true, description: 'Only the changes to this account, person, handover or review.' }) entityId: string | null,
  ): Promise<IdentityChangeConnection> {
    const viewer = requireRole(ctx, ['AUDITOR', 'ETHICS_OFFICER']);
    const page = await ctx.services.history.list(ctx.scope, viewer.cityId, { first, after, entityId: entityId ? requireUuid(entityId, 'entityId', 'The entity') : null });
    return { nodes: page.records.map(presentChange), pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage } };
  }

  @FieldResolver(() => AccountType, { nullable: true, description: 'The account that made the change; null for the system.' })
  async actor(@Root() change: IdentityChangeType, @Ctx() ctx: IdentityContext): Promise<AccountType | null> {
    if (!change.actorAccountId || !ctx.loaders) return null;
    const account = await ctx.loaders.accounts.load(change.actorAccountId);
    return account ? presentAccount(account) : null;
  }
}
