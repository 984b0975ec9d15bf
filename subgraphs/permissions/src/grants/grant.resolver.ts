import { InputError, NotFoundError } from '@custos/federation';
import { findItem } from '@custos/rules';
import { requireAccount, requireRole } from '@custos/tenancy';
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { AccountReference } from '../accounts/account.type';
import { presentItem } from '../catalogue/query-item.resolver';
import { QueryItemType } from '../catalogue/query-item.type';
import { PageInfo, assertUuid } from '../common/pagination';
import { assertAdministersAgency, assertMayReviewAgency, assertMaySeeAgencyItems } from '../common/policies';
import type { PermissionsContext } from '../context';
import { BusinessItemType } from '../register/register.type';
import { presentBusinessItem } from '../register/register.resolver';
import { AgencyGrantConnection, AgencyGrantRevocationType, AgencyGrantType } from './agency-grant.type';
import { UserGrantType } from './user-grant.type';

@ObjectType('GrantsMatrixRow', { description: 'One account of the agency and the items it holds now.' })
class GrantsMatrixRowType {
  @Field(() => AccountReference) account!: AccountReference;
  @Field(() => [String]) itemKeys!: string[];
}

@ObjectType('GrantsMatrix', { description: 'Who in an agency may query what (users × items): the approved-user roster.' })
class GrantsMatrixType {
  @Field(() => ID) agencyId!: string;
  @Field(() => [QueryItemType], { description: 'The columns: items the agency holds now.' }) items!: QueryItemType[];
  @Field(() => [GrantsMatrixRowType], { description: 'A page of rows, by account id.' }) rows!: GrantsMatrixRowType[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Accounts holding any item, across pages.' }) totalCount!: number;
}

const MAX_REASON = 500;
function parseReason(reason: string): string {
  const text = reason.trim();
  if (text.length === 0 || text.length > MAX_REASON) throw new InputError('REASON_REQUIRED', `Say why, in 1 to ${MAX_REASON} characters.`, 'reason');
  return text;
}

@Resolver(() => AgencyGrantType)
export class AgencyGrantResolver {
  @Query(() => AgencyGrantConnection, { description: 'The items an agency holds (current only unless includeRevoked), by item.' })
  async agencyGrants(
    @Ctx() ctx: PermissionsContext,
    @Arg('agencyId', () => ID) agencyId: string,
    @Arg('includeRevoked', () => Boolean, { defaultValue: false }) includeRevoked: boolean,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<AgencyGrantConnection> {
    const viewer = requireAccount(ctx);
    const agency = assertUuid(agencyId, 'agencyId');
    assertMaySeeAgencyItems(viewer, agency);
    const manager = await ctx.scope.manager(viewer.cityId);
    return ctx.services.grants.listAgencyGrants(manager, viewer.cityId, agency, includeRevoked, { first, after });
  }

  @Query(() => GrantsMatrixType, { description: 'The grants matrix of an agency: accounts × items.' })
  async grantsMatrix(
    @Ctx() ctx: PermissionsContext,
    @Arg('agencyId', () => ID) agencyId: string,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<GrantsMatrixType> {
    const viewer = requireAccount(ctx);
    const agency = assertUuid(agencyId, 'agencyId');
    assertMayReviewAgency(viewer, agency);
    const manager = await ctx.scope.manager(viewer.cityId);
    const matrix = await ctx.services.grants.grantsMatrix(manager, viewer.cityId, agency, { first, after });
    return {
      agencyId: agency,
      items: matrix.itemKeys.map((key) => findItem(key)).filter((item) => item !== undefined).map(presentItem),
      rows: matrix.rows.map((row) => ({ account: { id: row.accountId }, itemKeys: row.itemKeys })),
      pageInfo: matrix.pageInfo,
      totalCount: matrix.totalCount,
    };
  }

  @Mutation(() => AgencyGrantRevocationType, {
    description: "Ends an agency's grant (e.g. Tainan 2: the yearly review finds the link no longer needed) and, in the same transaction, the user grants that depended on it. Top admin.",
  })
  async revokeAgencyGrant(@Ctx() ctx: PermissionsContext, @Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string): Promise<AgencyGrantRevocationType> {
    const viewer = requireRole(ctx, ['TOP_ADMIN']);
    const grantId = assertUuid(id, 'id');
    const why = parseReason(reason);
    const manager = await ctx.scope.manager(viewer.cityId);
    const grant = await ctx.services.grants.findAgencyGrant(manager, viewer.cityId, grantId);
    if (!grant) throw new NotFoundError('The agency grant');
    if (grant.revokedAt !== null) throw new InputError('ALREADY_REVOKED', 'This agency grant has already ended.', 'id');
    const result = await ctx.services.grants.revokeAgencyGrants(manager, viewer.cityId, [grantId], ctx.now, why);
    return { grant: result.agencyGrants[0]!, endedUserGrants: result.endedUserGrants };
  }

  @Mutation(() => UserGrantType, { description: "Ends a user's grant (a leaver or mover, Taipei 5(四); misuse, Taipei 6(四)). Top admin, or the admin of the user's agency." })
  async revokeUserGrant(@Ctx() ctx: PermissionsContext, @Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string): Promise<UserGrantType> {
    const viewer = requireRole(ctx, ['TOP_ADMIN', 'AGENCY_ADMIN']);
    const grantId = assertUuid(id, 'id');
    const why = parseReason(reason);
    const manager = await ctx.scope.manager(viewer.cityId);
    const grant = await ctx.services.grants.findUserGrant(manager, viewer.cityId, grantId);
    if (!grant) throw new NotFoundError('The user grant');
    assertAdministersAgency(viewer, grant.agencyId ?? '');
    return ctx.services.grants.revokeUserGrant(manager, viewer.cityId, grantId, ctx.now, why);
  }

  @FieldResolver(() => QueryItemType, { nullable: true })
  item(@Root() grant: AgencyGrantType): QueryItemType | null {
    const item = findItem(grant.itemKey);
    return item ? presentItem(item) : null;
  }

  @FieldResolver(() => BusinessItemType, { nullable: true, description: 'The business item (and through it the legal basis) the agency holds the item for.' })
  async businessItem(@Root() grant: AgencyGrantType, @Ctx() ctx: PermissionsContext): Promise<BusinessItemType | null> {
    requireAccount(ctx);
    const entry = await ctx.loaders!.businessItems.load(grant.businessItemId);
    return entry ? presentBusinessItem(entry) : null;
  }
}
