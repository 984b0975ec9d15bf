import { bureauDecisionAccess, crossCityAccess, listCrossCityAccess, operationLabel, requireAccount, requireRole } from '@custos/tenancy';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { PermissionsContext } from '../context';
import type { ApplicationEntity } from './application.entity';
import type { BureauApplicationDetails, BureauLegalBasisFacts } from './bureau-application.details';
import {
  ApplicationCrossCityReadConnection,
  BureauApplicationConnection,
  BureauApplicationFilter,
  BureauApplicationType,
  BureauDecisionInput,
  BureauLegalBasisType,
} from './bureau-application.type';

function presentLegalBasis(basis: BureauLegalBasisFacts | null): BureauLegalBasisType | null {
  return basis ? { registered: basis.registered, kind: basis.kind, category: basis.category, laws: basis.lawsZh, purpose: basis.purposeZh, citation: basis.citation } : null;
}

function presentForBureau(application: ApplicationEntity, awaitedStep: number, details: BureauApplicationDetails): BureauApplicationType {
  const step = application.steps[awaitedStep];
  const item = details.businessItem;
  return {
    id: application.id,
    cityId: application.cityId,
    service: application.service,
    kind: application.kind,
    operation: application.operation,
    status: application.status,
    agencyId: application.agencyId,
    agencyName: details.agency?.name || null,
    agencyNameEn: details.agency?.nameEn ?? null,
    businessItem: item ? { registered: item.registered, name: item.nameZh, purpose: item.purposeZh, legalBasis: presentLegalBasis(item.legalBasis) } : null,
    legalBasis: presentLegalBasis(details.legalBasis),
    itemsToAdd: application.itemsToAdd,
    itemsToRemove: application.itemsToRemove,
    reason: application.reason,
    formNumber: application.formNumber,
    submittedAt: application.submittedAt,
    currentStep: application.currentStep,
    stepTitleZh: step?.titleZh ?? null,
    stepCitation: step?.citation ?? null,
  };
}

/**
 * Issue 9: a central agency records its own decisions on the cities' applications — the step of a
 * chain whose approver is the bureau — and nothing else of a city's. Its reads are logged per city.
 */
@Resolver()
export class BureauApplicationResolver {
  @Query(() => BureauApplicationConnection, {
    description:
      'The cities’ applications awaiting the bureau’s own step, of the bureau’s service, oldest first (a central agency’s officer). Every read is recorded in each city’s application read log (applicationCrossCityReads).',
  })
  async bureauApplications(
    @Ctx() ctx: PermissionsContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => BureauApplicationFilter, { nullable: true, description: 'Cities; all within reach when omitted.' }) filter: BureauApplicationFilter | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 100.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after: string | null,
  ): Promise<BureauApplicationConnection> {
    const access = crossCityAccess(requireAccount(ctx), filter?.cityIds);
    const page = await ctx.services.applications.awaitingBureau(ctx.scope, access, { first, after }, operationLabel(info), ctx.now);
    return { ...page, nodes: page.nodes.map((row) => presentForBureau(row, row.currentStep, page.details.get(row.id)!)) };
  }

  @Mutation(() => BureauApplicationType, {
    description:
      'A central agency’s officer records the bureau’s own decision (APPROVE, or REJECT with a comment) on an application of its service awaiting the bureau’s step in a city within reach. The only change a bureau makes to a city’s applications; refused to reporting tokens.',
  })
  async recordBureauDecision(@Ctx() ctx: PermissionsContext, @Arg('input', () => BureauDecisionInput) input: BureauDecisionInput): Promise<BureauApplicationType> {
    const principal = requireAccount(ctx);
    const access = bureauDecisionAccess(principal, input.cityId);
    const caller = { principal, delegationToken: ctx.delegationToken, scope: ctx.scope, now: ctx.now };
    const decided = await ctx.services.applications.decideAsBureau(caller, access, input.applicationId, input.decision, input.comment ?? null, input.step ?? null);
    return presentForBureau(decided, decided.currentStep, await ctx.services.applications.bureauDetailsOf(ctx.scope, access, decided));
  }

  @Query(() => ApplicationCrossCityReadConnection, {
    description: 'The reads of your city’s applications by central agencies, newest first (top admin). The query log’s reads are in crossCityReads, the audit records’ in auditCrossCityReads.',
  })
  async applicationCrossCityReads(
    @Ctx() ctx: PermissionsContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after: string | null,
  ): Promise<ApplicationCrossCityReadConnection> {
    const viewer = requireRole(ctx, ['TOP_ADMIN']);
    const manager = await ctx.scope.manager(viewer.cityId);
    return listCrossCityAccess(manager, 'permissions', viewer.cityId, { first, after });
  }
}
