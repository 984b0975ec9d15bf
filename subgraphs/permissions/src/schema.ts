import { buildFederatedSchema } from '@custos/federation';
import { AccountGrantsResolver } from './accounts/account.resolver';
import { AccountReference } from './accounts/account.type';
import { QueryItemResolver, UserGrantItemResolver } from './catalogue/query-item.resolver';
import { RulesResolver } from './rules/rules.resolver';
import { CityReference } from './rules/rules.type';
import { permissionsReferenceResolvers } from './references';

export function buildPermissionsSchema() {
  // Account is only extended here (no query returns it), so it must be listed to be emitted.
  return buildFederatedSchema({ resolvers: [AccountGrantsResolver, QueryItemResolver, UserGrantItemResolver, RulesResolver], orphanedTypes: [AccountReference, CityReference] }, permissionsReferenceResolvers);
}
