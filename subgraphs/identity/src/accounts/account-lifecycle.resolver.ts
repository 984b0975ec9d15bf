import { requireRole } from '@custos/tenancy';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { accountActor } from '../change-history/actor';
import type { IdentityContext } from '../context';
import { AccountStatusInput, ChangeAccountInput, CreateAccountInput } from './account-lifecycle.type';
import type { StatusCommand } from './account-lifecycle.service';
import { presentAccount } from './account.presenter';
import { AccountType } from './account.type';

const ADMINS = ['TOP_ADMIN', 'AGENCY_ADMIN'] as const;

/** Account lifecycle commands: thin — authorise, call the service, present. */
@Resolver()
export class AccountLifecycleResolver {
  @Mutation(() => AccountType, { description: 'Opens an account (and registers the person, if new). Top admin: any agency; agency admin: their own.' })
  async createAccount(@Ctx() ctx: IdentityContext, @Arg('input', () => CreateAccountInput) input: CreateAccountInput): Promise<AccountType> {
    const viewer = requireRole(ctx, ADMINS);
    const account = await ctx.services.lifecycle.create(ctx.scope, viewer.cityId, accountActor(viewer, ctx.clientAddress), input, ctx.now);
    ctx.loaders!.accounts.prime(account.id, account);
    return presentAccount(account);
  }

  @Mutation(() => AccountType, { description: "Changes an account's roles, agency or unit." })
  async changeAccount(@Ctx() ctx: IdentityContext, @Arg('input', () => ChangeAccountInput) input: ChangeAccountInput): Promise<AccountType> {
    const viewer = requireRole(ctx, ADMINS);
    const account = await ctx.services.lifecycle.change(ctx.scope, viewer.cityId, accountActor(viewer, ctx.clientAddress), input, ctx.now);
    ctx.loaders!.accounts.clear(account.id).prime(account.id, account);
    return presentAccount(account);
  }

  @Mutation(() => AccountType, { description: 'Suspends an active account: it cannot log in and its tokens stop working at once.' })
  suspendAccount(@Ctx() ctx: IdentityContext, @Arg('input', () => AccountStatusInput) input: AccountStatusInput): Promise<AccountType> {
    return this.setStatus(ctx, input, 'SUSPEND');
  }

  @Mutation(() => AccountType, { description: 'Reactivates a suspended account.' })
  reactivateAccount(@Ctx() ctx: IdentityContext, @Arg('input', () => AccountStatusInput) input: AccountStatusInput): Promise<AccountType> {
    return this.setStatus(ctx, input, 'REACTIVATE');
  }

  @Mutation(() => AccountType, { description: 'Revokes (註銷) an account for good: it cannot log in and its tokens stop working at once.' })
  revokeAccount(@Ctx() ctx: IdentityContext, @Arg('input', () => AccountStatusInput) input: AccountStatusInput): Promise<AccountType> {
    return this.setStatus(ctx, input, 'REVOKE');
  }

  @Mutation(() => AccountType, {
    description: "Ends an account's password lockout (too many failed logins) before it runs out. The account's agency admin or the city's top admin; kept in the change history.",
  })
  async unlockAccount(@Ctx() ctx: IdentityContext, @Arg('input', () => AccountStatusInput) input: AccountStatusInput): Promise<AccountType> {
    const viewer = requireRole(ctx, ADMINS);
    const account = await ctx.services.lifecycle.unlock(ctx.scope, viewer.cityId, accountActor(viewer, ctx.clientAddress), input.accountId, input.reason, ctx.now);
    ctx.loaders!.accounts.clear(account.id).prime(account.id, account);
    return presentAccount(account);
  }

  private async setStatus(ctx: IdentityContext, input: AccountStatusInput, command: StatusCommand): Promise<AccountType> {
    const viewer = requireRole(ctx, ADMINS);
    const account = await ctx.services.lifecycle.setStatus(ctx.scope, viewer.cityId, accountActor(viewer, ctx.clientAddress), input.accountId, command, input.reason, ctx.now);
    ctx.loaders!.accounts.clear(account.id).prime(account.id, account);
    return presentAccount(account);
  }
}
