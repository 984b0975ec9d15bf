import { NotFoundError } from '@custos/federation';
import { requireAccount, requireRole } from '@custos/tenancy';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { AgencyType } from '../agencies/agency.type';
import { CityType } from '../cities/city.type';
import type { IdentityContext } from '../context';
import { presentPerson } from '../people/person.presenter';
import { PersonType } from '../people/person.type';
import { presentAccount } from './account.presenter';
import { AccountConnection, AccountType } from './account.type';

@Resolver(() => AccountType)
export class AccountResolver {
  @Query(() => AccountType, { nullable: true, description: 'The signed-in account.' })
  async me(@Ctx() ctx: IdentityContext): Promise<AccountType | null> {
    const viewer = requireAccount(ctx);
    const account = await ctx.loaders!.accounts.load(viewer.accountId);
    return account ? presentAccount(account) : null;
  }

  @Query(() => AccountConnection, { description: "Accounts of the caller's city (top admin) or agency (agency admin), sorted by username." })
  async accounts(
    @Ctx() ctx: IdentityContext,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<AccountConnection> {
    const viewer = requireRole(ctx, ['TOP_ADMIN', 'AGENCY_ADMIN']);
    const page = await ctx.services.accounts.listVisible(ctx.scope, viewer.cityId, viewer, { first, after });
    for (const account of page.accounts) ctx.loaders!.accounts.prime(account.id, account);
    return {
      nodes: page.accounts.map(presentAccount),
      totalCount: page.totalCount,
      pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
    };
  }

  @FieldResolver(() => PersonType)
  async person(@Root() account: AccountType, @Ctx() ctx: IdentityContext): Promise<PersonType> {
    const person = await ctx.loaders!.people.load(account.personId);
    if (!person) throw new NotFoundError('The person of this account');
    return presentPerson(person);
  }

  @FieldResolver(() => Boolean, { description: 'Outsourced vendor staff may never hold a querying account (Taipei 5(五)).' })
  async isVendorStaff(@Root() account: AccountType, @Ctx() ctx: IdentityContext): Promise<boolean> {
    const person = await ctx.loaders!.people.load(account.personId);
    if (!person) throw new NotFoundError('The person of this account');
    return person.isVendorStaff;
  }

  @FieldResolver(() => AgencyType)
  async agency(@Root() account: AccountType, @Ctx() ctx: IdentityContext): Promise<AgencyType> {
    const agency = await ctx.loaders!.agencies.load(account.agencyId);
    if (!agency) throw new NotFoundError('The agency of this account');
    return agency;
  }

  @FieldResolver(() => CityType)
  async city(@Root() account: AccountType, @Ctx() ctx: IdentityContext): Promise<CityType> {
    const city = await ctx.cities.load(account.cityId);
    if (!city) throw new NotFoundError('The city of this account');
    return city;
  }

  @Query(() => AccountType, { nullable: true, description: "One account of the caller's city by id." })
  async account(@Ctx() ctx: IdentityContext, @Arg('id', () => ID) id: string): Promise<AccountType | null> {
    requireRole(ctx, ['TOP_ADMIN', 'AGENCY_ADMIN', 'AUDITOR']);
    const account = await ctx.loaders!.accounts.load(id);
    return account ? presentAccount(account) : null;
  }
}
