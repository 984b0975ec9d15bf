import { NotFoundError } from '@custos/federation';
import { requireAccount, requireAgencyOfCity } from '@custos/tenancy';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { assertUuid } from '../common/pagination';
import { assertAdministersAgency, assertMaySeeAgencyItems } from '../common/policies';
import type { PermissionsContext } from '../context';
import { AgencyNetworkType } from './agency-network.type';

@Resolver(() => AgencyNetworkType)
export class AgencyNetworkResolver {
  @Query(() => [AgencyNetworkType], { description: "An agency's current office networks." })
  async agencyNetworks(@Ctx() ctx: PermissionsContext, @Arg('agencyId', () => ID) agencyId: string): Promise<AgencyNetworkType[]> {
    const viewer = requireAccount(ctx);
    const agency = assertUuid(agencyId, 'agencyId');
    assertMaySeeAgencyItems(viewer, agency);
    const manager = await ctx.scope.manager(viewer.cityId);
    return ctx.services.networks.list(manager, viewer.cityId, agency);
  }

  @Mutation(() => AgencyNetworkType, { description: "Adds an office network of an agency (queries must come from one where the rules say so). Top admin or the agency's admin." })
  async addAgencyNetwork(
    @Ctx() ctx: PermissionsContext,
    @Arg('agencyId', () => ID) agencyId: string,
    @Arg('network', () => String, { description: 'CIDR, e.g. "10.20.0.0/16".' }) network: string,
    @Arg('label', () => String) label: string,
  ): Promise<AgencyNetworkType> {
    const viewer = requireAccount(ctx);
    const agency = assertUuid(agencyId, 'agencyId');
    assertAdministersAgency(viewer, agency);
    const manager = await ctx.scope.manager(viewer.cityId);
    // A top admin may name any agency — of their own city only (UNKNOWN_AGENCY, nothing written).
    if (agency !== viewer.agencyId) await requireAgencyOfCity(manager, viewer.cityId, agency);
    return ctx.services.networks.add(manager, viewer.cityId, { agencyId: agency, network, label, at: ctx.now });
  }

  @Mutation(() => AgencyNetworkType, { description: 'Removes an office network (kept in the history).' })
  async removeAgencyNetwork(@Ctx() ctx: PermissionsContext, @Arg('id', () => ID) id: string): Promise<AgencyNetworkType> {
    const viewer = requireAccount(ctx);
    const manager = await ctx.scope.manager(viewer.cityId);
    const existing = await ctx.services.networks.find(manager, viewer.cityId, assertUuid(id, 'id'));
    if (!existing) throw new NotFoundError('The office network');
    assertAdministersAgency(viewer, existing.agencyId);
    return ctx.services.networks.remove(manager, viewer.cityId, existing.id, ctx.now);
  }
}
