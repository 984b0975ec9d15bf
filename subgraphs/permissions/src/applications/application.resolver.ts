import { requireAccount } from '@custos/tenancy';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { isUuid } from '../common/pagination';
import type { PermissionsContext } from '../context';
import { presentBusinessItem, presentLegalBasis } from '../register/register.resolver';
import { BusinessItemType, LegalBasisType } from '../register/register.type';
import { presentApplication, presentEvent, presentSteps, renderForm, retentionOf, type PresentedApplication } from './application.presenter';
import type { OfficialFacts } from '../directory/directory';
import type { WorkflowCaller } from './application.service';
import { applicationForms } from './application-forms';
import {
  ApplicationConnection,
  ApplicationEventType,
  ApplicationFormsType,
  ApplicationInput,
  ApplicationStepType,
  ApplicationType,
  RetentionPeriodType,
  StepDecision,
} from './application.type';

/** The caller's facts from identity, asked once per request however many applications are shown. */
const viewerFacts = new WeakMap<PermissionsContext, Promise<OfficialFacts>>();

function callerOf(ctx: PermissionsContext): WorkflowCaller {
  const principal = requireAccount(ctx);
  return { principal, delegationToken: ctx.delegationToken, scope: ctx.scope, now: ctx.now };
}

@Resolver(() => ApplicationType)
export class ApplicationResolver {
  @Mutation(() => ApplicationType, { description: "Files an application under the city's rules in force today; the first step of its chain then awaits." })
  async submitApplication(@Ctx() ctx: PermissionsContext, @Arg('input', () => ApplicationInput) input: ApplicationInput): Promise<ApplicationType> {
    const caller = callerOf(ctx);
    const application = await ctx.services.applications.submit(caller, caller.principal.cityId, {
      kind: input.kind,
      operation: input.operation,
      reason: input.reason,
      personalDataAcknowledged: input.personalDataAcknowledged,
      subjectAccountId: input.subjectAccountId ?? null,
      replacesAccountId: input.replacesAccountId ?? null,
      itemsToAdd: input.itemsToAdd ?? [],
      itemsToRemove: input.itemsToRemove ?? [],
      businessItemId: input.businessItemId ?? null,
      businessItem: input.businessItem
        ? {
            legalBasisId: input.businessItem.legalBasisId ?? null,
            legalBasis: input.businessItem.legalBasis
              ? {
                  kind: input.businessItem.legalBasis.kind as never,
                  category: input.businessItem.legalBasis.category as never,
                  lawsZh: input.businessItem.legalBasis.laws ?? null,
                  purposeZh: input.businessItem.legalBasis.purpose,
                }
              : null,
            nameZh: input.businessItem.name,
            purposeZh: input.businessItem.purpose,
            unitIds: input.businessItem.unitIds ?? null,
          }
        : null,
      legalBasisId: input.legalBasisId ?? null,
    });
    return presentApplication(application);
  }

  @Mutation(() => ApplicationType, {
    description:
      'Decides the step now awaited: APPROVE (同意; at the last step the change is made) or REJECT with a comment (ends the application). Only someone holding the step’s role in the right agency, never the applicant.',
  })
  async decideApplicationStep(
    @Ctx() ctx: PermissionsContext,
    @Arg('id', () => ID) id: string,
    @Arg('decision', () => StepDecision) decision: StepDecision,
    @Arg('comment', () => String, { nullable: true, description: '審核意見; required to reject.' }) comment: string | null,
    @Arg('step', () => Int, { nullable: true, description: 'The step index the decision is for, as shown: a repeated click cannot decide the next step too.' }) step: number | null,
  ): Promise<ApplicationType> {
    const caller = callerOf(ctx);
    return presentApplication(await ctx.services.applications.act(caller, caller.principal.cityId, id, decision, comment ?? null, step ?? null));
  }

  @Mutation(() => ApplicationType, { description: 'The applicant withdraws the application, while its last step is not yet reached.' })
  async withdrawApplication(@Ctx() ctx: PermissionsContext, @Arg('id', () => ID) id: string, @Arg('comment', () => String, { nullable: true }) comment: string | null): Promise<ApplicationType> {
    const caller = callerOf(ctx);
    return presentApplication(await ctx.services.applications.withdraw(caller, caller.principal.cityId, id, comment));
  }

  @Query(() => ApplicationFormsType, { description: "The application forms of the caller's city under the rules in force today: operations, the paper form, the acknowledgement and legal basis required, the chain." })
  applicationForms(@Ctx() ctx: PermissionsContext): ApplicationFormsType {
    const caller = callerOf(ctx);
    return applicationForms(caller.principal.cityId, ctx.now);
  }

  @Query(() => ApplicationType, { nullable: true, description: 'One application, with its chain and timeline, if the caller may see it.' })
  async application(@Ctx() ctx: PermissionsContext, @Arg('id', () => ID) id: string): Promise<ApplicationType | null> {
    const caller = callerOf(ctx);
    if (!isUuid(id)) return null;
    const cityId = caller.principal.cityId;
    const manager = await ctx.scope.manager(cityId);
    const application = await ctx.services.applications.find(manager, cityId, id.toLowerCase());
    if (!application) return null;
    const events = await ctx.loaders!.applicationEvents.load(application.id);
    return (await ctx.services.applications.mayView(caller, cityId, application, events)) ? presentApplication(application) : null;
  }

  @Query(() => ApplicationConnection, { description: 'Applications whose current step the caller may act on (the inbox), oldest first.' })
  async applicationInbox(
    @Ctx() ctx: PermissionsContext,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<ApplicationConnection> {
    const caller = callerOf(ctx);
    const page = await ctx.services.applications.inbox(caller, caller.principal.cityId, { first, after });
    return { nodes: page.nodes.map(presentApplication), pageInfo: page.pageInfo, totalCount: page.totalCount };
  }

  @Query(() => ApplicationConnection, { description: "The caller's own applications, oldest first." })
  async myApplications(
    @Ctx() ctx: PermissionsContext,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<ApplicationConnection> {
    const caller = callerOf(ctx);
    const page = await ctx.services.applications.mine(caller, caller.principal.cityId, { first, after });
    return { nodes: page.nodes.map(presentApplication), pageInfo: page.pageInfo, totalCount: page.totalCount };
  }

  @FieldResolver(() => [ApplicationStepType], { description: 'The chain after filing, each step with its state and decision.' })
  async steps(@Root() application: PresentedApplication, @Ctx() ctx: PermissionsContext): Promise<ApplicationStepType[]> {
    const events = await ctx.loaders!.applicationEvents.load(application.id);
    return presentSteps(application.entity, events);
  }

  @FieldResolver(() => [ApplicationEventType], { description: 'Everything that happened, in order: filing, each decision, withdrawal.' })
  async timeline(@Root() application: PresentedApplication, @Ctx() ctx: PermissionsContext): Promise<ApplicationEventType[]> {
    return (await ctx.loaders!.applicationEvents.load(application.id)).map(presentEvent);
  }

  @FieldResolver(() => BusinessItemType, { nullable: true, description: 'The registered business item the items serve (once approved, for a proposed one).' })
  async businessItem(@Root() application: PresentedApplication, @Ctx() ctx: PermissionsContext): Promise<BusinessItemType | null> {
    const id = application.entity.businessItemId;
    const entry = id ? await ctx.loaders!.businessItems.load(id) : null;
    return entry ? presentBusinessItem(entry) : null;
  }

  @FieldResolver(() => LegalBasisType, { nullable: true, description: 'The legal basis stated (agency admin applications where the rules require one).' })
  async legalBasis(@Root() application: PresentedApplication, @Ctx() ctx: PermissionsContext): Promise<LegalBasisType | null> {
    const id = application.entity.legalBasisId;
    const basis = id ? await ctx.loaders!.legalBases.load(id) : null;
    return basis ? presentLegalBasis(basis) : null;
  }

  @FieldResolver(() => RetentionPeriodType, { nullable: true, description: 'How long the form is kept (never deleted by the platform before).' })
  retention(@Root() application: PresentedApplication): RetentionPeriodType | null {
    return retentionOf(application.entity);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the caller may decide the step now awaited (approve or reject), as decideApplicationStep would accept.' })
  async viewerMayDecide(@Root() application: PresentedApplication, @Ctx() ctx: PermissionsContext): Promise<boolean> {
    if (application.entity.status !== 'PENDING') return false;
    const caller = callerOf(ctx);
    let me = viewerFacts.get(ctx);
    if (!me) {
      me = ctx.services.applications.viewer(caller);
      viewerFacts.set(ctx, me);
    }
    return ctx.services.applications.mayDecide(await me, application.entity);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the caller may withdraw it now (the applicant, before the last step).' })
  viewerMayWithdraw(@Root() application: PresentedApplication, @Ctx() ctx: PermissionsContext): boolean {
    return ctx.services.applications.mayWithdraw(callerOf(ctx).principal.accountId, application.entity);
  }

  @FieldResolver(() => String, { description: 'The application printed as the paper form it replaces, signature boxes filled from the timeline.' })
  async printableForm(@Root() application: PresentedApplication, @Ctx() ctx: PermissionsContext): Promise<string> {
    const events = await ctx.loaders!.applicationEvents.load(application.id);
    return renderForm(application.entity, events, (accountId) => accountId);
  }
}
