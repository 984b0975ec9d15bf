import { buildFederatedSchema } from '@custos/federation';
import { AccountResolver } from './accounts/account.resolver';
import { CityResolver } from './cities/city.resolver';
import { LoginResolver } from './login/login.resolver';
import { identityReferenceResolvers } from './references';

export function buildIdentitySchema() {
  return buildFederatedSchema({ resolvers: [CityResolver, AccountResolver, LoginResolver] }, identityReferenceResolvers);
}
