import { requireAccount } from '@custos/tenancy';
import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { PermissionsContext } from '../context';
import { UserGrantType } from '../grants/user-grant.type';
import { AccountReference } from './account.type';

@Resolver(() => AccountReference)
export class AccountGrantsResolver {
  @FieldResolver(() => [UserGrantType], { description: 'The query items this account holds now.' })
  grants(@Root() account: AccountReference, @Ctx() ctx: PermissionsContext): Promise<UserGrantType[]> {
    requireAccount(ctx);
    return ctx.loaders!.currentGrants.load(account.id);
  }

  @Query(() => [UserGrantType], { description: 'The query items the signed-in account holds now.' })
  myGrants(@Ctx() ctx: PermissionsContext): Promise<UserGrantType[]> {
    const viewer = requireAccount(ctx);
    return ctx.loaders!.currentGrants.load(viewer.accountId);
  }
}
