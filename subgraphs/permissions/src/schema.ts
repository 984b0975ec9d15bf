import { buildFederatedSchema } from '@custos/federation';
import { AccountGrantsResolver } from './accounts/account.resolver';
import { AccountReference } from './accounts/account.type';
import { AgencyReference } from './accounts/agency.type';
import { ApplicationResolver } from './applications/application.resolver';
import { BureauApplicationResolver } from './applications/bureau-application.resolver';
import { QueryItemResolver, UserGrantItemResolver } from './catalogue/query-item.resolver';
import { QueryDecisionResolver } from './decision/query-decision.resolver';
import { AgencyGrantResolver } from './grants/grant.resolver';
import { AgencyNetworkResolver } from './networks/network.resolver';
import { permissionsReferenceResolvers } from './references';
import { RegisterResolver } from './register/register.resolver';
import { RulesResolver } from './rules/rules.resolver';
import { GrantCountResolver } from './reporting/grant-counts.resolver';
import { CityReference } from './rules/rules.type';

export function buildPermissionsSchema() {
  // Account is only extended here (no query returns it), so it must be listed to be emitted.
  return buildFederatedSchema(
    {
      resolvers: [
        AccountGrantsResolver,
        QueryDecisionResolver,
        QueryItemResolver,
        UserGrantItemResolver,
        RulesResolver,
        RegisterResolver,
        AgencyGrantResolver,
        AgencyNetworkResolver,
        ApplicationResolver,
        GrantCountResolver,
        BureauApplicationResolver,
      ],
      orphanedTypes: [AccountReference, CityReference, AgencyReference],
    },
    permissionsReferenceResolvers,
  );
}
