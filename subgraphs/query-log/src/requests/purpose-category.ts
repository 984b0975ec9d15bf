import { registerEnumType } from 'type-graphql';

/**
 * Issue 9: the category of a query's purpose, as Tainan 2 lists the legal bases (社政, 警政, 交通,
 * 衛生, 其他) and the permissions register categorises them (LegalBasisCategory there). The caseworker
 * states it with the purpose on the request; the record carries a copy for the report aggregates.
 */
export const PURPOSE_CATEGORIES = ['social', 'police', 'traffic', 'health', 'other'] as const;
export type PurposeCategory = (typeof PURPOSE_CATEGORIES)[number];

export enum PurposeCategoryEnum {
  SOCIAL = 'social',
  POLICE = 'police',
  TRAFFIC = 'traffic',
  HEALTH = 'health',
  OTHER = 'other',
}
registerEnumType(PurposeCategoryEnum, {
  name: 'PurposeCategory',
  description: 'The category of a query’s purpose (Tainan 2’s categories of legal bases).',
  valuesConfig: {
    SOCIAL: { description: '社政: social affairs (social assistance, disability subsidies…).' },
    POLICE: { description: '警政: police.' },
    TRAFFIC: { description: '交通: traffic (fine enforcement…).' },
    HEALTH: { description: '衛生: health (disease control…).' },
    OTHER: { description: '其他: anything else.' },
  },
});
