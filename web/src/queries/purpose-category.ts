/**
 * The purpose categories a caseworker states with the purpose (Tainan 2's categories of legal bases, as the
 * permissions register has them): 社政, 警政, 交通, 衛生, 其他. `queryCounts` counts by them (PURPOSE_CATEGORY).
 */
export const PURPOSE_CATEGORIES = ['SOCIAL', 'POLICE', 'TRAFFIC', 'HEALTH', 'OTHER'] as const;
export type PurposeCategory = (typeof PURPOSE_CATEGORIES)[number];

export function isPurposeCategory(value: string): value is PurposeCategory {
  return (PURPOSE_CATEGORIES as readonly string[]).includes(value);
}
