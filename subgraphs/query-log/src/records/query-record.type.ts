import { Field, ID, Int, ObjectType } from 'type-graphql';
import { SubjectKindEnum } from '../requests/query-request.input';
import type { SubjectKind } from '../identifiers/subject';
import { AccountReference, accountRef } from '../shared/account-reference.type';
import { PageInfo } from '../shared/page-info.type';
import type { QueryRecordEntity } from './query-record.entity';

@ObjectType('QueryRecord', { description: 'One entry of the query register (查詢登記): a query of a citizen’s data, with its justification.' })
export class QueryRecordType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Sequence number within the city’s register (its hash chain).' }) sequence!: string;
  @Field(() => AccountReference, { description: 'Who queried.' }) account!: AccountReference;
  @Field(() => ID) agencyId!: string;
  @Field(() => ID, { nullable: true }) unitId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The query request it was recorded against.' }) requestId!: string | null;
  @Field(() => String, { description: 'Query item key "<service>:<code>:<lookup key>".' }) itemKey!: string;
  @Field(() => String, { description: '案件編號: the case this query served.' }) caseNumber!: string;
  @Field(() => String, { description: '查詢目的: why the data was needed.' }) purpose!: string;
  @Field(() => SubjectKindEnum, { nullable: true }) subjectKind!: SubjectKind | null;
  @Field(() => String, { description: 'The subject, masked (e.g. A12*****89); the full ID is never stored.' }) subjectMasked!: string;
  @Field(() => String, { nullable: true, description: '法令依據.' }) legalBasis!: string | null;
  @Field(() => String, { nullable: true, description: 'Reference of the citizen’s signed consent.' }) consentDocument!: string | null;
  @Field(() => AccountReference, { nullable: true, description: 'A proxy query (代查): the official it was made for.' }) proxyFor!: AccountReference | null;
  @Field(() => String, { nullable: true, description: 'The proxy authorisation’s document number.' }) proxyDocumentNumber!: string | null;
  @Field(() => String, { nullable: true, description: 'The permissions rule version that allowed it.' }) decisionRuleVersion!: string | null;
  @Field(() => Date) queriedAt!: Date;
  @Field(() => Date) recordedAt!: Date;
  @Field(() => String, { description: 'SHA-256 of this record and the previous one’s hash (the chain link).' }) recordHash!: string;
}

@ObjectType('QueryRecordConnection', { description: 'A page of query records, newest first.' })
export class QueryRecordConnection {
  @Field(() => [QueryRecordType]) nodes!: QueryRecordType[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

export function presentQueryRecord(record: QueryRecordEntity): QueryRecordType {
  return {
    id: record.id,
    sequence: String(record.sequence),
    account: accountRef(record.accountId),
    agencyId: record.agencyId,
    unitId: record.unitId,
    requestId: record.requestId,
    itemKey: record.itemKey,
    caseNumber: record.caseNumber,
    purpose: record.purpose,
    subjectKind: record.subjectKind as SubjectKind | null,
    subjectMasked: record.subjectMasked,
    legalBasis: record.legalBasis,
    consentDocument: record.consentDocument,
    proxyFor: accountRef(record.proxyForAccountId),
    proxyDocumentNumber: record.proxyDocumentNumber,
    decisionRuleVersion: record.decisionRuleVersion,
    queriedAt: record.queriedAt,
    recordedAt: record.recordedAt,
    recordHash: record.recordHash,
  };
}
