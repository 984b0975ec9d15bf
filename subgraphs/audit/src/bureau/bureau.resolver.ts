import { bureauDecisionAccess, crossCityAccess, listCrossCityAccess, operationLabel, requireAccount, requireRole } from '@custos/tenancy';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { anomalyRuleOf, type FindingSeverity, type FindingStatus } from '../anomalies/anomaly.type';
import { AuditMethod, DrawMethod } from '../audits/audit.type';
import type { AuditContext } from '../context';
import { parseDateArg, taiwanToday } from '../shared/dates';
import { AUDIT_SCHEMA, type BureauAuditRequestRow, type BureauAuditRow } from './bureau-audits.service';
import {
  AuditCrossCityReadConnection,
  BureauAuditConnection,
  BureauAuditFilter,
  BureauAuditRequestConnection,
  BureauAuditRequestFilter,
  BureauAuditRequestType,
  BureauAuditType,
  BureauFindingConnection,
  BureauFindingFilter,
  BureauSampledRecordType,
  RequestBureauAuditInput,
} from './bureau.types';

const optionalDate = (value: string | null | undefined, field: string) => (value ? parseDateArg(value, field) : null);

function presentAudit(row: BureauAuditRow): BureauAuditType {
  return { ...row, method: row.method === 'sample' ? AuditMethod.SAMPLE : AuditMethod.FULL_REVIEW, drawMethod: row.drawMethod as DrawMethod };
}

function presentRequest(row: BureauAuditRequestRow): BureauAuditRequestType {
  return { ...row };
}

/**
 * Issue 9: the central agencies' side of the audit subgraph. Reads across the cities in the
 * officer's reach, of the bureau's own service only, each read logged for the cities' top admins;
 * one write, the bureau's audit request. Everything else here stays one city's (FORBIDDEN to a bureau).
 */
@Resolver(() => BureauAuditType)
export class BureauAuditResolver {
  @Query(() => BureauAuditConnection, {
    description:
      'A central agency reads the cities’ audits of its own service (the service whose rules drew them), newest period first. Every read is recorded in each city’s audit read log (auditCrossCityReads). FORBIDDEN for anyone without a cross-city reach, or for a city outside it.',
  })
  async bureauAudits(
    @Ctx() ctx: AuditContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => BureauAuditFilter, { nullable: true, description: 'Cities, period and states; all cities within reach when omitted.' }) filter: BureauAuditFilter | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after: string | null,
  ): Promise<BureauAuditConnection> {
    const access = crossCityAccess(requireAccount(ctx), filter?.cityIds);
    const query = { periodFrom: optionalDate(filter?.periodFrom, 'periodFrom'), periodTo: optionalDate(filter?.periodTo, 'periodTo'), states: filter?.states ?? null };
    const page = await ctx.services.bureau.audits(ctx.scope, access, query, { first, after }, operationLabel(info), ctx.now);
    return { ...page, nodes: page.nodes.map(presentAudit) };
  }

  @Query(() => BureauAuditType, {
    nullable: true,
    description:
      'A central agency reads one of a city’s audits of its own service by id (e.g. from a link). Null when there is no such audit of the bureau’s service in that city. The read is recorded in the city’s audit read log, like bureauAudits. FORBIDDEN for anyone without a cross-city reach, or for a city outside it.',
  })
  async bureauAudit(
    @Ctx() ctx: AuditContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('cityId', () => ID, { description: 'The city whose audit it is (within your reach).' }) cityId: string,
    @Arg('id', () => ID, { description: 'The audit’s id.' }) id: string,
  ): Promise<BureauAuditType | null> {
    const access = crossCityAccess(requireAccount(ctx), [cityId]);
    const row = await ctx.services.bureau.audit(ctx.scope, access, id, operationLabel(info), ctx.now);
    return row ? presentAudit(row) : null;
  }

  @FieldResolver(() => [BureauSampledRecordType], { description: 'The audit’s sampled records in draw order, a page at a time (logged as a read of the city).' })
  async sample(
    @Root() audit: BureauAuditType,
    @Ctx() ctx: AuditContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('afterPosition', () => Int, { nullable: true, description: 'The last position of the previous page.' }) afterPosition: number | null,
    @Arg('first', () => Int, { defaultValue: 100, description: 'Page size, 1 to 500.' }) first: number,
  ): Promise<BureauSampledRecordType[]> {
    // The same cities as the list this audit came from: the request reads one set of cities.
    const access = crossCityAccess(requireAccount(ctx), ctx.scope.currentCityIds ?? [audit.cityId]);
    const rows = await ctx.services.bureau.sample(ctx.scope, access, audit.id, { afterPosition, first }, operationLabel(info, `${info.parentType.name}.${info.fieldName}`), ctx.now);
    return rows.map(({ cityId: _cityId, ...row }) => row);
  }

  @Query(() => BureauFindingConnection, {
    description:
      'A central agency reads the cities’ anomaly findings of its own service (the service whose rules raised them), newest first. Every read is recorded in each city’s audit read log. FORBIDDEN for anyone without a cross-city reach, or for a city outside it.',
  })
  async bureauFindings(
    @Ctx() ctx: AuditContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => BureauFindingFilter, { nullable: true, description: 'Cities, period, severities, states and rule; all cities within reach when omitted.' })
    filter: BureauFindingFilter | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after: string | null,
  ): Promise<BureauFindingConnection> {
    const access = crossCityAccess(requireAccount(ctx), filter?.cityIds);
    const query = {
      from: optionalDate(filter?.from, 'from'),
      to: optionalDate(filter?.to, 'to'),
      severities: filter?.severities ?? null,
      statuses: filter?.statuses ?? null,
      ruleId: filter?.rule ?? null,
    };
    const page = await ctx.services.bureau.findings(ctx.scope, access, query, { first, after }, operationLabel(info), ctx.now);
    return {
      ...page,
      nodes: page.nodes.map((row) => ({
        ...row,
        rule: anomalyRuleOf(row.ruleId),
        severity: row.severity as FindingSeverity,
        status: row.status as FindingStatus,
      })),
    };
  }

  @Mutation(() => BureauAuditRequestType, {
    description:
      'A central agency’s officer asks a city within reach to audit a period (and an agency) for the bureau’s service: the request lands as a compliance task for the city’s auditors (owner role AUDITOR). The bureau’s only write in the audit subgraph; refused to reporting tokens.',
  })
  async requestBureauAudit(@Ctx() ctx: AuditContext, @Arg('input', () => RequestBureauAuditInput) input: RequestBureauAuditInput): Promise<BureauAuditRequestType> {
    const access = bureauDecisionAccess(requireAccount(ctx), input.cityId);
    const request = {
      periodStart: parseDateArg(input.periodStart, 'periodStart'),
      periodEnd: parseDateArg(input.periodEnd, 'periodEnd'),
      agencyId: input.agencyId ?? null,
      reason: input.reason,
      dueOn: optionalDate(input.dueOn, 'dueOn'),
    };
    return presentRequest(await ctx.services.bureau.requestAudit(ctx.scope, access, request, taiwanToday(ctx.now), ctx.now));
  }

  @Query(() => BureauAuditRequestConnection, { description: 'The bureau’s audit requests to its cities, newest first, with how each city’s task stands (logged as a read of each city).' })
  async bureauAuditRequests(
    @Ctx() ctx: AuditContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => BureauAuditRequestFilter, { nullable: true, description: 'Cities; all within reach when omitted.' }) filter: BureauAuditRequestFilter | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after: string | null,
  ): Promise<BureauAuditRequestConnection> {
    const access = crossCityAccess(requireAccount(ctx), filter?.cityIds);
    const page = await ctx.services.bureau.requests(ctx.scope, access, { first, after }, operationLabel(info), taiwanToday(ctx.now), ctx.now);
    return { ...page, nodes: page.nodes.map(presentRequest) };
  }

  @Query(() => AuditCrossCityReadConnection, {
    description: 'The reads of your city’s audits, findings and audit requests by central agencies, newest first (top admin). The query log’s reads are in crossCityReads.',
  })
  async auditCrossCityReads(
    @Ctx() ctx: AuditContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after: string | null,
  ): Promise<AuditCrossCityReadConnection> {
    const viewer = requireRole(ctx, ['TOP_ADMIN']);
    const manager = await ctx.scope.manager(viewer.cityId);
    return listCrossCityAccess(manager, AUDIT_SCHEMA, viewer.cityId, { first, after });
  }
}
