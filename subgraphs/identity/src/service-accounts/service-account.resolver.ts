import { requireAccount, requireRole } from '@custos/tenancy';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { presentAccount } from '../accounts/account.presenter';
import { AccountType } from '../accounts/account.type';
import { accountActor } from '../change-history/actor';
import type { IdentityContext } from '../context';
import type { ApiTokenEntity } from './api-token.entity';
import { ApiTokenSessionType, ApiTokenType, CreateServiceAccountInput, IssuedApiTokenType, IssueApiTokenInput, RevokeApiTokenInput } from './service-account.type';

function presentToken(token: ApiTokenEntity): ApiTokenType {
  return {
    id: token.id,
    serviceAccountId: token.accountId,
    name: token.name,
    prefix: token.tokenPrefix,
    scopes: token.scopes,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    lastUsedAt: token.lastUsedAt,
    revokedAt: token.revokedAt,
    revokeReason: token.revokeReason,
    readCityIds: token.readCityIds ?? null,
    readService: token.readService ?? null,
  };
}

@Resolver()
export class ServiceAccountResolver {
  @Mutation(() => AccountType, { description: 'Creates a service account for a reporting tool (top admin). Revoke it with revokeAccount.' })
  async createServiceAccount(@Ctx() ctx: IdentityContext, @Arg('input', () => CreateServiceAccountInput) input: CreateServiceAccountInput): Promise<AccountType> {
    const viewer = requireRole(ctx, ['TOP_ADMIN']);
    return presentAccount(await ctx.services.serviceAccounts.create(ctx.scope, viewer.cityId, accountActor(viewer, ctx.clientAddress), input, ctx.now));
  }

  @Mutation(() => IssuedApiTokenType, { description: 'Issues an API token for a service account (top admin). The token is shown once.' })
  async issueApiToken(@Ctx() ctx: IdentityContext, @Arg('input', () => IssueApiTokenInput) input: IssueApiTokenInput): Promise<IssuedApiTokenType> {
    const viewer = requireRole(ctx, ['TOP_ADMIN']);
    const { token, record } = await ctx.services.serviceAccounts.issueToken(ctx.scope, viewer.cityId, accountActor(viewer, ctx.clientAddress), input, ctx.now);
    return { token, apiToken: presentToken(record) };
  }

  @Mutation(() => ApiTokenType, { description: 'Revokes an API token: access tokens exchanged for it stop working at once.' })
  async revokeApiToken(@Ctx() ctx: IdentityContext, @Arg('input', () => RevokeApiTokenInput) input: RevokeApiTokenInput): Promise<ApiTokenType> {
    const viewer = requireRole(ctx, ['TOP_ADMIN']);
    return presentToken(await ctx.services.serviceAccounts.revokeToken(ctx.scope, viewer.cityId, accountActor(viewer, ctx.clientAddress), input, ctx.now));
  }

  @Mutation(() => ApiTokenSessionType, { description: 'A reporting tool exchanges its API token for a short-lived access token.' })
  async exchangeApiToken(@Ctx() ctx: IdentityContext, @Arg('token', () => String) token: string): Promise<ApiTokenSessionType> {
    const session = await ctx.services.serviceAccounts.exchange(ctx.scope, token, ctx.now, ctx.clientAddress ?? null);
    return { accessToken: session.accessToken, expiresAt: session.expiresAt };
  }

  @Query(() => [AccountType], { description: "The city's service accounts (top admin)." })
  async serviceAccounts(@Ctx() ctx: IdentityContext): Promise<AccountType[]> {
    const viewer = requireRole(ctx, ['TOP_ADMIN']);
    const accounts = await ctx.services.serviceAccounts.list(ctx.scope, viewer.cityId, accountActor(viewer, ctx.clientAddress));
    return accounts.map(presentAccount);
  }
}

@Resolver(() => AccountType)
export class ServiceAccountTokensResolver {
  @FieldResolver(() => [ApiTokenType], { nullable: true, description: 'A service account’s API tokens, for a top admin; null otherwise.' })
  async apiTokens(@Root() account: AccountType, @Ctx() ctx: IdentityContext): Promise<ApiTokenType[] | null> {
    const viewer = requireAccount(ctx);
    if (account.kind !== 'SERVICE' || !viewer.roles.includes('TOP_ADMIN') || !ctx.loaders) return null;
    return (await ctx.loaders.apiTokensByAccount.load(account.id)).map(presentToken);
  }
}
