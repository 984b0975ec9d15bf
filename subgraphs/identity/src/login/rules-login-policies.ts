import { cityInfo, isCityId, rules } from '@custos/rules';
import type { LoginPolicies, LoginPolicy } from './login-policy';

/** How long a lockout lasts; the rules fix the threshold, not the duration (a platform default). */
const LOCKOUT_MINUTES = 15;

/**
 * Login rules read from each city's rule profile on the date. After a repeal (Taipei, 2021-01-14)
 * no rules are in force for new queries, but officials may still sign in to read their records:
 * the last version in force then governs how they sign in.
 */
export const rulesLoginPolicies: LoginPolicies = {
  at(cityId: string, date: Date): LoginPolicy {
    // A tenant without a rule profile yet gets the strictest way in until its rules are encoded.
    const lookup = isCityId(cityId) ? rules.at(cityId, cityInfo(cityId).service, date) : undefined;
    const version = !lookup ? undefined : lookup.inForce ? lookup.version : lookup.lastVersion;
    if (!version) {
      // No rules have ever applied: the strictest way in.
      return { passwordAllowed: false, certificateAllowed: true, passwordMaxAgeDays: null, passwordMinLength: 12, lockoutThreshold: 5, lockoutMinutes: LOCKOUT_MINUTES, citation: null };
    }
    const login = version.login;
    // Where the certificate is required (Changhua 4(七), Tainan 6 第二項) a password never suffices on its own.
    const passwordAlone = login.passwordAllowed.value && !login.certificateRequired.value;
    const refusal = login.certificateRequired.value ? login.certificateRequired.citation : login.passwordAllowed.citation;
    return {
      passwordAllowed: passwordAlone,
      certificateAllowed: login.certificateAllowed.value,
      passwordMaxAgeDays: login.passwordMaxAgeDays.value,
      passwordMinLength: login.passwordComplexity.value?.minLength ?? 12,
      lockoutThreshold: login.lockoutThreshold.value,
      lockoutMinutes: LOCKOUT_MINUTES,
      citation: passwordAlone ? login.passwordMaxAgeDays.citation : refusal,
    };
  },
};
