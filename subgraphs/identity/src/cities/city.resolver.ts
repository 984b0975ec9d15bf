import { Ctx, Query, Resolver } from 'type-graphql';
import type { IdentityContext } from '../context';
import { CityType } from './city.type';

@Resolver(() => CityType)
export class CityResolver {
  @Query(() => [CityType], { description: 'The cities on the platform, with what their rules allow at login. Public.' })
  cities(@Ctx() ctx: IdentityContext): Promise<CityType[]> {
    return ctx.services.cities.list(ctx.now);
  }
}
