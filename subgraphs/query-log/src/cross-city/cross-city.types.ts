import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../shared/page-info.type';

@InputType('CrossCityRecordFilter', { description: 'Narrows a bureau’s read of the cities’ query records. Every field is optional.' })
export class CrossCityRecordFilter {
  @Field(() => [ID], { nullable: true, description: 'Only these cities (each within your reach); all the cities you may read when omitted.' })
  cityIds?: string[] | null;
  @Field(() => Date, { nullable: true, description: 'Only queries made at or after this instant.' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Only queries made before this instant.' }) to?: Date | null;
  @Field(() => ID, { nullable: true, description: 'Only queries by officials of this agency.' }) agencyId?: string | null;
}

@ObjectType('CrossCityQueryRecord', {
  description: 'A city’s query record as a central agency sees it: what was queried, when, by which agency and unit, why — never the official’s identity nor the citizen’s.',
})
export class CrossCityQueryRecordType {
  @Field(() => ID, { description: 'The record’s id.' }) id!: string;
  @Field(() => ID, { description: 'The city whose register holds the record.' }) cityId!: string;
  @Field(() => ID, { description: 'The agency of the official who queried.' }) agencyId!: string;
  @Field(() => ID, { nullable: true, description: 'The unit of the official who queried, when known.' }) unitId!: string | null;
  @Field(() => String, { description: 'Query item key "<service>:<code>:<lookup key>"; always of the bureau’s own service.' }) itemKey!: string;
  @Field(() => String, { description: '案件編號: the case the query served.' }) caseNumber!: string;
  @Field(() => String, { description: '查詢目的: why the data was needed.' }) purpose!: string;
  @Field(() => String, { nullable: true, description: '法令依據: the legal basis given.' }) legalBasis!: string | null;
  @Field(() => Date, { description: 'When the query was made.' }) queriedAt!: Date;
}

@ObjectType('CrossCityQueryRecordConnection', { description: 'A page of the cities’ query records, newest first (then by id, so the order is stable).' })
export class CrossCityQueryRecordConnection {
  @Field(() => [CrossCityQueryRecordType], { description: 'The records of this page.' }) nodes!: CrossCityQueryRecordType[];
  @Field(() => PageInfo, { description: 'Where the next page starts.' }) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'How many records match the filter in all.' }) totalCount!: number;
}

@ObjectType('CrossCityRead', { description: 'One read of this city’s records by a central agency (or its reporting token): who, when, which operation, how many rows.' })
export class CrossCityReadType {
  @Field(() => ID, { description: 'The read log entry’s id.' }) id!: string;
  @Field(() => ID, { description: 'The city whose records were read (yours).' }) cityId!: string;
  @Field(() => String, { description: 'The WebIR service the reader may see (labor-insurance or health-insurance).' }) service!: string;
  @Field(() => ID, { description: 'The reader’s tenant (the central agencies’ tenant).' }) readerCityId!: string;
  @Field(() => ID, { description: 'The reading account (a bureau officer or a bureau’s service account).' }) readerAccountId!: string;
  @Field(() => ID, { description: 'The reader’s agency (the bureau).' }) readerAgencyId!: string;
  @Field(() => String, { description: 'The GraphQL operation and field that read, e.g. "LaborAudit/bureauQueryRecords".' }) operation!: string;
  @Field(() => Int, { description: 'How many of this city’s rows the read returned (records, or records counted by an aggregate).' }) rowCount!: number;
  @Field(() => Date, { description: 'When the read happened.' }) readAt!: Date;
}

@ObjectType('CrossCityReadConnection', { description: 'A page of the reads of this city by central agencies, newest first (then by id).' })
export class CrossCityReadConnection {
  @Field(() => [CrossCityReadType], { description: 'The reads of this page.' }) nodes!: CrossCityReadType[];
  @Field(() => PageInfo, { description: 'Where the next page starts.' }) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'How many reads match in all.' }) totalCount!: number;
}
