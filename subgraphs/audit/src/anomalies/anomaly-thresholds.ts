/**
 * Thresholds of the anomaly rules. No city's rules give numbers for "bulk" or "far above usual"
 * (Taipei 6(三) 勿有不當查詢, Taoyuan 4(四)5 如有異常, Changhua 8(二) 重大異常, Tainan 8(二) 查詢異常現象 name
 * anomalies without defining them), so these are platform defaults, the same in every city. A city that
 * sets its own would get them as rule-profile data in @custos/rules, read here per version.
 */
export const ANOMALY_THRESHOLDS = {
  /** Bulk: this many queries by one account within this many minutes. */
  bulk: { queries: 20, windowMinutes: 10 },
  /**
   * Far above the user's own baseline: a day with at least `minimumPerDay` queries and more than `factor` × the
   * account's daily average over the `days` before (counted from its first query in that window); an account with
   * less than `minimumHistoryDays` of history has no baseline yet (the bulk rule still watches it).
   */
  baseline: { days: 90, factor: 5, minimumPerDay: 20, minimumHistoryDays: 14 },
  /** One citizen looked up by this many different accounts, or agencies, in a calendar month. */
  subject: { distinctAccounts: 3, distinctAgencies: 3 },
  /** Evidence kept per finding: the first records (the count covers all). */
  evidenceRecords: 50,
} as const;

export const PLATFORM_DEFAULT_CITATION = 'platform default (no city sets a number; see anomaly-thresholds.ts)';
