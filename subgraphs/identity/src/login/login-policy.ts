/** What a city's rules in force on a date say about logging in. */
export interface LoginPolicy {
  passwordAllowed: boolean;
  certificateAllowed: boolean;
  /** Days after which a password must be changed; null when the rules set no limit. */
  passwordMaxAgeDays: number | null;
  passwordMinLength: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  /** The rule the refusal of password login cites, e.g. "Changhua 4(二)". */
  citation: string | null;
}

export interface LoginPolicies {
  at(cityId: string, date: Date): LoginPolicy;
}
