import { hasAnyRole } from '@custos/tenancy';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { IdentityContext } from '../context';
import { PersonType } from './person.type';

/** The person themself and the city's admins see a person's identifiers; nobody else does. */
function maySeeIdentifiers(ctx: IdentityContext, person: PersonType): boolean {
  const viewer = ctx.principal;
  if (viewer.kind !== 'account' || viewer.cityId !== person.cityId) return false;
  return viewer.personId === person.id || hasAnyRole(viewer, ['TOP_ADMIN', 'AGENCY_ADMIN']);
}

@Resolver(() => PersonType)
export class PersonResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'The national ID masked (A123****89), for the person and admins only; the full ID is never stored, so never returned.',
  })
  nationalIdMasked(@Root() person: PersonType, @Ctx() ctx: IdentityContext): string | null {
    return maySeeIdentifiers(ctx, person) ? person.nationalIdMasked : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'MyEGov official account id, for the person and admins only.' })
  myEGovAccountId(@Root() person: PersonType, @Ctx() ctx: IdentityContext): string | null {
    return maySeeIdentifiers(ctx, person) ? person.myEGovAccountId : null;
  }
}
