import { buildFederatedSchema } from '@custos/federation';
import { AccountLifecycleResolver } from './accounts/account-lifecycle.resolver';
import { AccountResolver } from './accounts/account.resolver';
import { AgencyResolver } from './agencies/agency.resolver';
import { ChangeRecordResolver } from './change-history/change-record.resolver';
import { CityResolver } from './cities/city.resolver';
import { AdminHandoverResolver } from './handovers/admin-handover.resolver';
import { DutyChangeResolver } from './leavers/duty-change.resolver';
import { LoginResolver } from './login/login.resolver';
import { PersonResolver } from './people/person.resolver';
import { AccountReviewResolver, AccountReviewRowResolver } from './reviews/account-review.resolver';
import { identityReferenceResolvers } from './references';
import { ServiceAccountResolver, ServiceAccountTokensResolver } from './service-accounts/service-account.resolver';

export function buildIdentitySchema() {
  return buildFederatedSchema(
    { resolvers: [CityResolver, AgencyResolver, AccountResolver, PersonResolver, LoginResolver, AccountLifecycleResolver, ChangeRecordResolver, DutyChangeResolver, AdminHandoverResolver, AccountReviewResolver, AccountReviewRowResolver, ServiceAccountResolver, ServiceAccountTokensResolver] },
    identityReferenceResolvers,
  );
}
