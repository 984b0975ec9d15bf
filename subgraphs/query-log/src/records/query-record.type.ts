import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('QueryRecord', { description: 'One entry of the query register (查詢登記): a query of a citizen’s data, with its justification.' })
export class QueryRecordType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Sequence number within the city’s register (its hash chain).' }) sequence!: string;
  @Field(() => String, { description: 'Query item key "<service>:<code>:<lookup key>".' }) itemKey!: string;
  @Field(() => String, { description: '案件編號: the case this query served.' }) caseNumber!: string;
  @Field(() => String, { description: '查詢目的: why the data was needed.' }) purpose!: string;
  @Field(() => String, { description: 'The subject, masked (e.g. A12*****89); the full ID is never stored.' }) subjectMasked!: string;
  @Field(() => Date) queriedAt!: Date;
  @Field(() => Date) recordedAt!: Date;
}

@Directive('@shareable')
@ObjectType('PageInfo', { description: 'Cursor pagination state.' })
export class PageInfo {
  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' }) endCursor!: string | null;
  @Field(() => Boolean) hasNextPage!: boolean;
}

@ObjectType('QueryRecordConnection', { description: 'A page of query records, newest first.' })
export class QueryRecordConnection {
  @Field(() => [QueryRecordType]) nodes!: QueryRecordType[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}
