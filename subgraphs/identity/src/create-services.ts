import { createAccessTokenSigner, type AccessTokenSigner, type JWK } from '@custos/auth';
import type { DataSource } from 'typeorm';
import { AccountLifecycleService } from './accounts/account-lifecycle.service';
import { AccountService } from './accounts/account.service';
import { ChangeHistoryService } from './change-history/change-history.service';
import { CityService } from './cities/city.service';
import type { IdentityConfig } from './env';
import { AdminHandoverService } from './handovers/admin-handover.service';
import { DutyChangeService } from './leavers/duty-change.service';
import type { LoginPolicies } from './login/login-policy';
import { LoginService } from './login/login.service';
import { LoginThrottle } from './login/login-throttle';
import { rulesLoginPolicies } from './login/rules-login-policies';
import { createNationalIdHasher } from './people/national-id';
import { AccountReviewService } from './reviews/account-review.service';
import { rulesAccountRules, type AccountRulesSource } from './rules/account-rules';
import { ServiceAccountService } from './service-accounts/service-account.service';
import type { IdentityServices } from './services';
import { SessionService } from './sessions/session.service';

export interface IdentityServiceOptions {
  loginPolicies?: LoginPolicies;
  accountRules?: AccountRulesSource;
}

function splitPemBundle(bundle: string): string[] {
  return bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/**
 * The identity services over one pool, built once by the subgraph and by the job's command line.
 * The asynchronous part (importing the signing key) happens first, so that building the services
 * for the pool is synchronous and can never race a first request.
 */
export async function prepareIdentityServices(config: IdentityConfig, options: IdentityServiceOptions = {}): Promise<(dataSource: DataSource) => IdentityServices> {
  const signingKey = config.IDENTITY_SIGNING_KEY as JWK;
  const tokens = await createAccessTokenSigner(signingKey);
  return (dataSource) => createIdentityServices(dataSource, config, options, tokens);
}

function createIdentityServices(dataSource: DataSource, config: IdentityConfig, options: IdentityServiceOptions, tokens: AccessTokenSigner): IdentityServices {
  const policies = options.loginPolicies ?? rulesLoginPolicies;
  const accountRules = options.accountRules ?? rulesAccountRules;
  const signingKey = config.IDENTITY_SIGNING_KEY as JWK;
  const nationalIds = createNationalIdHasher(config.NATIONAL_ID_HASH_KEYS ?? {}, String(signingKey.d ?? ''));
  const cities = new CityService(dataSource, policies);
  const history = new ChangeHistoryService();
  const sessions = new SessionService({ dataSource, tokens, accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS, sessionTtlSeconds: config.SESSION_TTL_SECONDS });
  const lifecycle = new AccountLifecycleService({ rules: accountRules, history, sessions, nationalIds });
  const dutyChanges = new DutyChangeService({ rules: accountRules, history, lifecycle });
  return {
    cities,
    accounts: new AccountService(),
    sessions,
    history,
    accountRules,
    lifecycle,
    dutyChanges,
    handovers: new AdminHandoverService({ rules: accountRules, history, lifecycle, dutyChanges }),
    reviews: new AccountReviewService({ rules: accountRules, history, lifecycle }),
    serviceAccounts: new ServiceAccountService({ history, lifecycle, sessions }),
    login: new LoginService({
      dataSource,
      cities,
      policies,
      sessions,
      trustedCaPems: splitPemBundle(config.TRUSTED_CA_CERTIFICATES),
      challengeTtlSeconds: config.CERTIFICATE_CHALLENGE_TTL_SECONDS,
      throttle: new LoginThrottle(dataSource, {
        failuresPerAddress: config.LOGIN_FAILURES_PER_ADDRESS,
        addressWindowSeconds: config.LOGIN_ADDRESS_WINDOW_SECONDS,
        challengesPerAddress: config.LOGIN_CHALLENGES_PER_ADDRESS,
        challengeWindowSeconds: config.LOGIN_CHALLENGE_WINDOW_SECONDS,
      }),
    }),
  };
}
