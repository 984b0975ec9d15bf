import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PurposeCategoryEnum } from '../requests/purpose-category';

export const QUERY_COUNT_DIMENSIONS = ['CITY', 'AGENCY', 'UNIT', 'ITEM', 'PURPOSE', 'PURPOSE_CATEGORY', 'MONTH'] as const;
export type QueryCountDimension = (typeof QUERY_COUNT_DIMENSIONS)[number];
export const QueryCountDimensionEnum = Object.fromEntries(QUERY_COUNT_DIMENSIONS.map((d) => [d, d])) as { [K in QueryCountDimension]: K };
registerEnumType(QueryCountDimensionEnum, {
  name: 'QueryCountDimension',
  description: 'What to count queries by.',
  valuesConfig: {
    CITY: { description: 'The city whose register holds the record.' },
    AGENCY: { description: 'The agency of the official who queried.' },
    UNIT: { description: 'The unit of the official who queried (null when none).' },
    ITEM: { description: 'The query item key "<service>:<code>:<lookup key>".' },
    PURPOSE: { description: 'The stated purpose (查詢目的), as entered on the request.' },
    PURPOSE_CATEGORY: { description: 'The purpose’s category (社政, 警政, 交通, 衛生, 其他) stated on the request; null when none was stated.' },
    MONTH: { description: 'The month of the query, Taiwan time, as YYYY-MM.' },
  },
});

@InputType('QueryCountFilter', { description: 'Which query records to count. Every field is optional.' })
export class QueryCountFilter {
  @Field(() => Date, { nullable: true, description: 'Only queries made at or after this instant.' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Only queries made before this instant.' }) to?: Date | null;
  @Field(() => [ID], { nullable: true, description: 'Cross-city callers only: these cities (within reach); all within reach when omitted. Ignored for a city’s own caller, who counts their city.' })
  cityIds?: string[] | null;
  @Field(() => ID, { nullable: true, description: 'Only queries by officials of this agency.' }) agencyId?: string | null;
  @Field(() => String, { nullable: true, description: 'Only this query item key.' }) itemKey?: string | null;
}

@ObjectType('QueryCount', { description: 'One group of an aggregate: the values of the requested dimensions (null for those not requested) and the number of queries.' })
export class QueryCountType {
  @Field(() => ID, { nullable: true, description: 'The city, when counted by CITY.' }) cityId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The agency, when counted by AGENCY.' }) agencyId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The unit, when counted by UNIT (null also for queries with no unit).' }) unitId!: string | null;
  @Field(() => String, { nullable: true, description: 'The item key, when counted by ITEM.' }) itemKey!: string | null;
  @Field(() => String, { nullable: true, description: 'The purpose, when counted by PURPOSE.' }) purpose!: string | null;
  @Field(() => PurposeCategoryEnum, { nullable: true, description: 'The purpose category, when counted by PURPOSE_CATEGORY (null also for queries whose request stated none).' })
  purposeCategory!: PurposeCategoryEnum | null;
  @Field(() => String, { nullable: true, description: 'The month (YYYY-MM, Taiwan time), when counted by MONTH.' }) month!: string | null;
  @Field(() => Int, { description: 'How many queries fall in this group.' }) count!: number;
}

@ObjectType('QueryCountReport', { description: 'Counts of query records grouped by the requested dimensions, in one database query.' })
export class QueryCountReportType {
  @Field(() => [QueryCountDimensionEnum], { description: 'The dimensions counted by, in the order asked.' }) groupBy!: QueryCountDimension[];
  @Field(() => [QueryCountType], { description: 'The groups, ordered by the dimensions in the order asked (nulls last), so the order is stable.' }) rows!: QueryCountType[];
  @Field(() => Int, { description: 'All the queries counted (the sum of the rows).' }) total!: number;
}
