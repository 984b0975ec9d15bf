import { requireRole } from '@custos/tenancy';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { presentAccount } from '../accounts/account.presenter';
import { accountActor } from '../change-history/actor';
import type { IdentityContext } from '../context';
import { presentPerson } from '../people/person.presenter';
import { DutyChangeInput, DutyChangeType } from './duty-change.type';

@Resolver()
export class DutyChangeResolver {
  @Mutation(() => DutyChangeType, {
    description: "Records a person's move or departure; their accounts are revoked on or before that day as the city's rules require (Changhua 4(六)).",
  })
  async recordDutyChange(@Ctx() ctx: IdentityContext, @Arg('input', () => DutyChangeInput) input: DutyChangeInput): Promise<DutyChangeType> {
    const viewer = requireRole(ctx, ['TOP_ADMIN', 'AGENCY_ADMIN']);
    const outcome = await ctx.services.dutyChanges.record(ctx.scope, viewer.cityId, accountActor(viewer, ctx.clientAddress), input, ctx.now);
    for (const account of outcome.accounts) ctx.loaders!.accounts.clear(account.id).prime(account.id, account);
    ctx.loaders!.people.clear(outcome.person.id).prime(outcome.person.id, outcome.person);
    return { person: presentPerson(outcome.person), accounts: outcome.accounts.map(presentAccount), revokeOn: outcome.revokeOn, citation: outcome.citation };
  }
}
