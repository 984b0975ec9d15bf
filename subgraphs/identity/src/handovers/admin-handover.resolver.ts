import { toTaiwanDate } from '@custos/rules';
import { requireRole } from '@custos/tenancy';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { presentAccount } from '../accounts/account.presenter';
import { AccountType } from '../accounts/account.type';
import { accountActor } from '../change-history/actor';
import type { IdentityContext } from '../context';
import type { AdminHandoverEntity } from './admin-handover.entity';
import { noticeState } from './admin-handover.service';
import { AdminHandoverConnection, AdminHandoverInput, AdminHandoverType, BureauNotifiedInput, type NoticeStateEnum } from './admin-handover.type';

function presentHandover(handover: AdminHandoverEntity, now: Date): AdminHandoverType {
  const today = toTaiwanDate(now);
  const state = noticeState(handover, today);
  return {
    id: handover.id,
    agencyId: handover.agencyId,
    outgoingAccountId: handover.outgoingAccountId,
    incomingAccountId: handover.incomingAccountId,
    roles: handover.roles,
    moveOn: handover.moveOn,
    reason: handover.reason,
    recordedAt: handover.recordedAt,
    recordedBy: handover.recordedBy,
    incomingActiveAt: handover.incomingActiveAt,
    outgoingStoppedAt: handover.outgoingStoppedAt,
    late: toTaiwanDate(handover.recordedAt) > handover.moveOn,
    handedOver: handover.handedOver.items,
    roster: handover.handedOver.roster,
    citation: handover.citation,
    bureauNotice:
      state && handover.bureauNoticeDueOn
        ? {
            obligationId: handover.bureauNoticeObligationId ?? '',
            citation: handover.bureauNoticeCitation ?? '',
            dueOn: handover.bureauNoticeDueOn,
            state: state as NoticeStateEnum,
            notifiedOn: handover.bureauNotifiedOn,
            reference: handover.bureauNoticeReference,
          }
        : null,
  };
}

const ADMINS = ['TOP_ADMIN', 'AGENCY_ADMIN'] as const;

@Resolver(() => AdminHandoverType)
export class AdminHandoverResolver {
  @Mutation(() => AdminHandoverType, { description: 'Hands an admin role to another active account of the agency (Changhua 4(三)(四)(八)).' })
  async recordAdminHandover(@Ctx() ctx: IdentityContext, @Arg('input', () => AdminHandoverInput) input: AdminHandoverInput): Promise<AdminHandoverType> {
    const viewer = requireRole(ctx, ADMINS);
    const handover = await ctx.services.handovers.record(ctx.scope, viewer.cityId, accountActor(viewer, ctx.clientAddress), input, ctx.now);
    ctx.loaders!.accounts.clearAll();
    return presentHandover(handover, ctx.now);
  }

  @Mutation(() => AdminHandoverType, { description: 'Records that the bureau was notified of the admin change.' })
  async recordBureauNotified(@Ctx() ctx: IdentityContext, @Arg('input', () => BureauNotifiedInput) input: BureauNotifiedInput): Promise<AdminHandoverType> {
    const viewer = requireRole(ctx, ADMINS);
    return presentHandover(await ctx.services.handovers.recordBureauNotified(ctx.scope, viewer.cityId, accountActor(viewer, ctx.clientAddress), input, ctx.now), ctx.now);
  }

  @Query(() => AdminHandoverConnection, { description: "The city's admin handovers, newest first: admins, auditors and ethics officers." })
  async adminHandovers(
    @Ctx() ctx: IdentityContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<AdminHandoverConnection> {
    const viewer = requireRole(ctx, [...ADMINS, 'AUDITOR', 'ETHICS_OFFICER']);
    const page = await ctx.services.handovers.list(ctx.scope, viewer.cityId, { first, after });
    return { nodes: page.handovers.map((handover) => presentHandover(handover, ctx.now)), pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage } };
  }

  @Query(() => AdminHandoverType, { nullable: true })
  async adminHandover(@Ctx() ctx: IdentityContext, @Arg('id', () => ID) id: string): Promise<AdminHandoverType | null> {
    const viewer = requireRole(ctx, [...ADMINS, 'AUDITOR', 'ETHICS_OFFICER']);
    const handover = await ctx.services.handovers.find(ctx.scope, viewer.cityId, id);
    return handover ? presentHandover(handover, ctx.now) : null;
  }

  @FieldResolver(() => AccountType, { nullable: true })
  async outgoing(@Root() handover: AdminHandoverType, @Ctx() ctx: IdentityContext): Promise<AccountType | null> {
    const account = await ctx.loaders!.accounts.load(handover.outgoingAccountId);
    return account ? presentAccount(account) : null;
  }

  @FieldResolver(() => AccountType, { nullable: true })
  async incoming(@Root() handover: AdminHandoverType, @Ctx() ctx: IdentityContext): Promise<AccountType | null> {
    const account = await ctx.loaders!.accounts.load(handover.incomingAccountId);
    return account ? presentAccount(account) : null;
  }

  @FieldResolver(() => AccountType, { nullable: true, description: 'Who recorded the handover.' })
  async recordedByAccount(@Root() handover: AdminHandoverType, @Ctx() ctx: IdentityContext): Promise<AccountType | null> {
    const account = await ctx.loaders!.accounts.load(handover.recordedBy);
    return account ? presentAccount(account) : null;
  }
}
