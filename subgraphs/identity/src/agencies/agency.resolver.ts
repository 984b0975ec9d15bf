import { requireRole } from '@custos/tenancy';
import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { IdentityContext } from '../context';
import { AgencyEntity } from './agency.entity';
import { AgencyType } from './agency.type';
import { UnitType } from './unit.type';

@Resolver(() => AgencyType)
export class AgencyResolver {
  @Query(() => [AgencyType], { description: "The city's agencies (the tree: follow parentId), parents before children. Admins, auditors and ethics officers." })
  async agencies(@Ctx() ctx: IdentityContext): Promise<AgencyType[]> {
    const viewer = requireRole(ctx, ['TOP_ADMIN', 'AGENCY_ADMIN', 'AUDITOR', 'ETHICS_OFFICER']);
    const manager = await ctx.scope.manager(viewer.cityId);
    const rows = await manager.getRepository(AgencyEntity).find({ where: { cityId: viewer.cityId } });
    for (const row of rows) ctx.loaders!.agencies.prime(row.id, row);
    // Parents before children, then by name, so a console can build the tree in one pass.
    const byId = new Map(rows.map((row) => [row.id, row]));
    const depth = (agency: AgencyEntity): number => (agency.parentId && byId.has(agency.parentId) ? 1 + depth(byId.get(agency.parentId)!) : 0);
    return rows.sort((a, b) => depth(a) - depth(b) || a.name.localeCompare(b.name, 'zh-Hant'));
  }

  @FieldResolver(() => [UnitType], { description: 'The units (科室) of this agency.' })
  async units(@Root() agency: AgencyType, @Ctx() ctx: IdentityContext): Promise<UnitType[]> {
    if (!ctx.loaders) return [];
    return ctx.loaders.unitsByAgency.load(agency.id);
  }
}
