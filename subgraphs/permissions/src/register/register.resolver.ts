import { InputError } from '@custos/federation';
import { findItem } from '@custos/rules';
import { requireAccount, requireRole } from '@custos/tenancy';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AgencyReference } from '../accounts/agency.type';
import { presentItem } from '../catalogue/query-item.resolver';
import { QueryItemType } from '../catalogue/query-item.type';
import { assertUuid } from '../common/pagination';
import type { PermissionsContext } from '../context';
import type { BusinessItemEntity } from './business-item.entity';
import type { LegalBasisEntity } from './legal-basis.entity';
import { BusinessItemConnection, BusinessItemType, LegalBasisType } from './register.type';

export function presentLegalBasis(basis: LegalBasisEntity): LegalBasisType {
  return {
    id: basis.id,
    kind: basis.kind,
    category: basis.category,
    laws: basis.lawsZh,
    purpose: basis.purposeZh,
    citation: basis.citation,
    effectiveFrom: basis.effectiveFrom,
    repealedOn: basis.repealedOn,
  };
}

export function presentBusinessItem(entry: BusinessItemEntity): BusinessItemType {
  return {
    id: entry.id,
    agencyId: entry.agencyId,
    unitIds: entry.unitIds,
    name: entry.nameZh,
    purpose: entry.purposeZh,
    itemKeys: entry.itemKeys,
    registeredAt: entry.registeredAt,
    endedAt: entry.endedAt,
    applicationId: entry.applicationId,
    legalBasisId: entry.legalBasisId,
  };
}

@Resolver(() => BusinessItemType)
export class RegisterResolver {
  @Query(() => [LegalBasisType], { description: "The legal bases of the caller's city: those its rules list (Tainan 2) and those registered with business items." })
  async legalBases(@Ctx() ctx: PermissionsContext): Promise<LegalBasisType[]> {
    const viewer = requireAccount(ctx);
    const manager = await ctx.scope.manager(viewer.cityId);
    return (await ctx.services.register.listLegalBases(manager, viewer.cityId)).map(presentLegalBasis);
  }

  @Query(() => BusinessItemConnection, { description: "The business-item register (業務項目清冊) of the caller's city, or of one agency." })
  async businessItems(
    @Ctx() ctx: PermissionsContext,
    @Arg('agencyId', () => ID, { nullable: true }) agencyId: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<BusinessItemConnection> {
    const viewer = requireAccount(ctx);
    const agency = agencyId ? assertUuid(agencyId, 'agencyId') : null;
    const manager = await ctx.scope.manager(viewer.cityId);
    const page = await ctx.services.register.listBusinessItems(manager, viewer.cityId, agency, { first, after });
    return { nodes: page.nodes.map(presentBusinessItem), pageInfo: page.pageInfo, totalCount: page.totalCount };
  }

  @Mutation(() => LegalBasisType, { description: 'Records that a legal basis was repealed: from that day no agency holds items under it. Top admin.' })
  async repealLegalBasis(@Ctx() ctx: PermissionsContext, @Arg('id', () => ID) id: string, @Arg('on', () => String, { description: 'YYYY-MM-DD' }) on: string): Promise<LegalBasisType> {
    const viewer = requireRole(ctx, ['TOP_ADMIN']);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(on) || Number.isNaN(Date.parse(`${on}T00:00:00Z`))) throw new InputError('INVALID_DATE', `"${on}" is not a date; use YYYY-MM-DD.`, 'on');
    const manager = await ctx.scope.manager(viewer.cityId);
    return presentLegalBasis(await ctx.services.register.repealLegalBasis(manager, viewer.cityId, assertUuid(id, 'id'), on));
  }

  @FieldResolver(() => LegalBasisType, { nullable: true })
  async legalBasis(@Root() entry: BusinessItemType, @Ctx() ctx: PermissionsContext): Promise<LegalBasisType | null> {
    requireAccount(ctx);
    const basis = await ctx.loaders!.legalBases.load(entry.legalBasisId);
    return basis ? presentLegalBasis(basis) : null;
  }

  @FieldResolver(() => [QueryItemType], { description: 'The items it needs (data minimisation: nothing else is granted for it).' })
  items(@Root() entry: BusinessItemType): QueryItemType[] {
    return entry.itemKeys.map((key) => findItem(key)).filter((item) => item !== undefined).map(presentItem);
  }

  @FieldResolver(() => AgencyReference)
  agency(@Root() entry: BusinessItemType): AgencyReference {
    return { id: entry.agencyId };
  }
}
