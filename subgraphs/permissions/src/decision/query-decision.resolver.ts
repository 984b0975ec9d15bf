import { DomainError } from '@custos/federation';
import { requireAccount } from '@custos/tenancy';
import { Arg, Ctx, Directive, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { AccountReference } from '../accounts/account.type';
import type { PermissionsContext } from '../context';
import { assertMayAskAbout } from './query-decision.service';
import { QueryDecisionType } from './query-decision.type';

@Resolver(() => AccountReference)
export class QueryDecisionResolver {
  @Directive('@requires(fields: "status isVendorStaff agencyId unitId")')
  @FieldResolver(() => QueryDecisionType, {
    description:
      'May this account query this item now (or at `at`)? Every reason it may not, each with its rule citation. Asked by the query log for every recorded query; only the account itself or an admin of its agency or city may ask.',
  })
  async queryDecision(
    @Root() account: AccountReference,
    @Ctx() ctx: PermissionsContext,
    @Arg('itemKey', () => ID, { description: '"<service>:<code>:<lookup key>", e.g. "labor-insurance:C0101:national-id".' }) itemKey: string,
    @Arg('at', () => Date, { nullable: true, description: 'The moment of the query; default now.' }) at: Date | null,
    @Arg('purpose', () => String, { nullable: true, description: 'The purpose of the query (查詢目的), as registered.' }) purpose: string | null,
    @Arg('networkAddress', () => String, { nullable: true, description: 'The address the query is made from, checked where the rules require office premises.' }) networkAddress: string | null,
    @Arg('preApprovalApproved', () => Boolean, { nullable: true, description: "Whether the supervisor approved this query in advance, where the rules require it (the query log knows)." }) preApprovalApproved: boolean | null,
  ): Promise<QueryDecisionType> {
    const viewer = requireAccount(ctx);
    if (account.status === undefined || account.isVendorStaff === undefined || account.agencyId === undefined) {
      throw new DomainError('ACCOUNT_FACTS_MISSING', "The account's status, agency and vendor flag are needed to decide; ask through the gateway.");
    }
    const subject = { id: account.id, status: account.status, isVendorStaff: account.isVendorStaff, agencyId: account.agencyId, unitId: account.unitId ?? null };
    assertMayAskAbout(viewer, subject);
    return ctx.services.decisions.decide(viewer.cityId, subject, { itemKey, at: at ?? null, purpose: purpose ?? null, networkAddress: networkAddress ?? null, preApprovalApproved: preApprovalApproved ?? null }, ctx.loaders!.decisionInputs, ctx.now);
  }
}
