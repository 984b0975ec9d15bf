import type { LoginPolicies } from './login-policy';

/** Login rules read from each city's rule profile in force on the date. */
export const rulesLoginPolicies: LoginPolicies = {
  at() {
    // Replaced by the rule-profile reader once @custos/rules lands.
    return { passwordAllowed: true, certificateAllowed: true, passwordMaxAgeDays: null, passwordMinLength: 12, lockoutThreshold: 5, lockoutMinutes: 15, citation: null };
  },
};
