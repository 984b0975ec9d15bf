import { hasAnyRole, requireRole } from '@custos/tenancy';
import { ForbiddenError } from '@custos/federation';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { presentAccount } from '../accounts/account.presenter';
import { AccountType } from '../accounts/account.type';
import { accountActor } from '../change-history/actor';
import type { IdentityContext } from '../context';
import type { AccountReviewEntity, AccountReviewRowEntity } from './account-review.entity';
import { AccountReviewConnection, AccountReviewDecisionInput, AccountReviewRowType, AccountReviewType, StartAccountReviewInput, type ReviewDecisionEnum } from './account-review.type';

function presentReview(review: AccountReviewEntity): AccountReviewType {
  return { ...review };
}

function presentRow(row: AccountReviewRowEntity): AccountReviewRowType {
  return {
    id: row.id,
    accountId: row.accountId,
    findings: row.findings,
    lastActivityAt: new Date(row.details.lastActivityAt),
    otherAccountUsernames: row.details.otherAccounts.map((other) => other.username),
    leftOn: row.details.leftOn,
    decision: row.decision as ReviewDecisionEnum | null,
    decisionReason: row.decisionReason,
    decidedAt: row.decidedAt,
    decidedBy: row.decidedBy,
  };
}

const ADMINS = ['TOP_ADMIN', 'AGENCY_ADMIN'] as const;
const READERS = [...ADMINS, 'AUDITOR', 'ETHICS_OFFICER'] as const;

/** Reviews are read by the admins who hold them and by the city's auditors and ethics officers. */
function assertMayRead(ctx: IdentityContext, review: AccountReviewEntity) {
  const viewer = requireRole(ctx, READERS);
  if (hasAnyRole(viewer, ['TOP_ADMIN', 'AUDITOR', 'ETHICS_OFFICER']) || review.agencyId === viewer.agencyId) return;
  throw new ForbiddenError('This review belongs to another agency.', { reason: 'AGENCY_OUT_OF_SCOPE' });
}

@Resolver(() => AccountReviewType)
export class AccountReviewResolver {
  @Mutation(() => AccountReviewType, { description: 'Starts the periodic account review of your scope: it lists duplicate, idle, moved, departed and vendor accounts.' })
  async startAccountReview(@Ctx() ctx: IdentityContext, @Arg('input', () => StartAccountReviewInput) input: StartAccountReviewInput): Promise<AccountReviewType> {
    const viewer = requireRole(ctx, ADMINS);
    const { review } = await ctx.services.reviews.start(ctx.scope, viewer.cityId, accountActor(viewer, ctx.clientAddress), input, ctx.now);
    return presentReview(review);
  }

  @Mutation(() => AccountReviewRowType, { description: 'Keep or revoke one reviewed account, with the reason. A revoke takes effect at once.' })
  async decideAccountReviewRow(@Ctx() ctx: IdentityContext, @Arg('input', () => AccountReviewDecisionInput) input: AccountReviewDecisionInput): Promise<AccountReviewRowType> {
    const viewer = requireRole(ctx, ADMINS);
    const row = await ctx.services.reviews.decide(ctx.scope, viewer.cityId, accountActor(viewer, ctx.clientAddress), input, ctx.now);
    ctx.loaders!.accounts.clear(row.accountId);
    return presentRow(row);
  }

  @Mutation(() => AccountReviewType, { description: 'Completes a review once every row is decided; it is then kept unchanged for the retention period.' })
  async completeAccountReview(@Ctx() ctx: IdentityContext, @Arg('reviewId', () => ID) reviewId: string): Promise<AccountReviewType> {
    const viewer = requireRole(ctx, ADMINS);
    const { review } = await ctx.services.reviews.complete(ctx.scope, viewer.cityId, accountActor(viewer, ctx.clientAddress), reviewId, ctx.now);
    return presentReview(review);
  }

  @Query(() => AccountReviewConnection, { description: "The city's account reviews, newest first." })
  async accountReviews(
    @Ctx() ctx: IdentityContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<AccountReviewConnection> {
    const viewer = requireRole(ctx, READERS);
    const cityWide = hasAnyRole(viewer, ['TOP_ADMIN', 'AUDITOR', 'ETHICS_OFFICER']);
    const page = await ctx.services.reviews.list(ctx.scope, viewer.cityId, { first, after, agencyId: cityWide ? undefined : viewer.agencyId });
    return { nodes: page.reviews.map(presentReview), pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage } };
  }

  @Query(() => AccountReviewType, { nullable: true })
  async accountReview(@Ctx() ctx: IdentityContext, @Arg('id', () => ID) id: string): Promise<AccountReviewType | null> {
    const viewer = requireRole(ctx, READERS);
    const review = await ctx.services.reviews.find(ctx.scope, viewer.cityId, id);
    if (!review) return null;
    assertMayRead(ctx, review);
    return presentReview(review);
  }

  @FieldResolver(() => [AccountReviewRowType], { description: 'The accounts found, by finding.' })
  async rows(@Root() review: AccountReviewType, @Ctx() ctx: IdentityContext): Promise<AccountReviewRowType[]> {
    const viewer = requireRole(ctx, READERS);
    return (await ctx.services.reviews.rows(ctx.scope, viewer.cityId, review.id)).map(presentRow);
  }

  @FieldResolver(() => AccountType, { nullable: true })
  async startedByAccount(@Root() review: AccountReviewType, @Ctx() ctx: IdentityContext): Promise<AccountType | null> {
    const account = await ctx.loaders!.accounts.load(review.startedBy);
    return account ? presentAccount(account) : null;
  }
}

@Resolver(() => AccountReviewRowType)
export class AccountReviewRowResolver {
  @FieldResolver(() => AccountType, { nullable: true })
  async account(@Root() row: AccountReviewRowType, @Ctx() ctx: IdentityContext): Promise<AccountType | null> {
    const account = await ctx.loaders!.accounts.load(row.accountId);
    return account ? presentAccount(account) : null;
  }

  @FieldResolver(() => AccountType, { nullable: true, description: 'Who decided.' })
  async decidedByAccount(@Root() row: AccountReviewRowType, @Ctx() ctx: IdentityContext): Promise<AccountType | null> {
    if (!row.decidedBy) return null;
    const account = await ctx.loaders!.accounts.load(row.decidedBy);
    return account ? presentAccount(account) : null;
  }
}
