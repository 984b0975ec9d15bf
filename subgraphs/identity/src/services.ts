import type { AccountLifecycleService } from './accounts/account-lifecycle.service';
import type { AccountService } from './accounts/account.service';
import type { ChangeHistoryService } from './change-history/change-history.service';
import type { CityService } from './cities/city.service';
import type { AdminHandoverService } from './handovers/admin-handover.service';
import type { DutyChangeService } from './leavers/duty-change.service';
import type { LoginService } from './login/login.service';
import type { AccountReviewService } from './reviews/account-review.service';
import type { AccountRulesSource } from './rules/account-rules';
import type { ServiceAccountService } from './service-accounts/service-account.service';
import type { SessionService } from './sessions/session.service';

/** The identity subgraph's services, built once at boot and shared by every request. */
export interface IdentityServices {
  cities: CityService;
  accounts: AccountService;
  login: LoginService;
  sessions: SessionService;
  history: ChangeHistoryService;
  lifecycle: AccountLifecycleService;
  accountRules: AccountRulesSource;
  dutyChanges: DutyChangeService;
  handovers: AdminHandoverService;
  reviews: AccountReviewService;
  serviceAccounts: ServiceAccountService;
}
