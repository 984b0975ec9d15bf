import { PurposeCategoryEnum } from './purpose-category';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { SubjectKindEnum } from './query-request.input';
import type { SubjectKind } from '../identifiers/subject';
import { AccountReference, accountRef } from '../shared/account-reference.type';
import { PageInfo } from '../shared/page-info.type';
import type { QueryRequestEntity } from './query-request.entity';
import { requestStatus, type QueryRequestStatus } from './query-request.service';

export const QueryRequestStatusEnum = { PENDING: 'PENDING', APPROVED: 'APPROVED', REJECTED: 'REJECTED', EXPIRED: 'EXPIRED' } as const;
registerEnumType(QueryRequestStatusEnum, { name: 'QueryRequestStatus', description: 'PENDING (no decision yet), APPROVED, REJECTED, or EXPIRED (approved, but its validity has run out).' });

@ObjectType('QueryRequestDecision', { description: 'The supervisor’s decision (主管核可) on a query request.' })
export class QueryRequestDecisionType {
  @Field(() => String, { description: 'APPROVED or REJECTED.' }) decision!: string;
  @Field(() => AccountReference) decidedBy!: AccountReference;
  @Field(() => Date) decidedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'An approval lapses at this time (the rule profile’s validity); none when the rules set no validity.' }) expiresAt!: Date | null;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType('ProxyAuthorisation', { description: '代查授權書 (Taipei 6(二)): the query is made for another official.' })
export class ProxyAuthorisationType {
  @Field(() => AccountReference) onBehalfOf!: AccountReference;
  @Field(() => String, { nullable: true }) documentNumber!: string | null;
  @Field(() => String, { nullable: true }) authorisedOn!: string | null;
}

@ObjectType('QueryRequest', { description: 'A query request (查詢申請): what is to be queried, about whom, why, on what basis.' })
export class QueryRequestType {
  @Field(() => ID) id!: string;
  @Field(() => AccountReference, { description: 'The caseworker who filed it (and records its queries).' }) requester!: AccountReference;
  @Field(() => ID) agencyId!: string;
  @Field(() => ID, { nullable: true }) unitId!: string | null;
  @Field(() => String, { description: '案件編號.' }) caseNumber!: string;
  @Field(() => String, { description: '查詢目的.' }) purpose!: string;
  @Field(() => PurposeCategoryEnum, { nullable: true, description: 'The purpose’s category, when stated.' }) purposeCategory!: PurposeCategoryEnum | null;
  @Field(() => String, { description: 'labor-insurance or health-insurance.' }) service!: string;
  @Field(() => [String]) itemKeys!: string[];
  @Field(() => SubjectKindEnum) subjectKind!: SubjectKind;
  @Field(() => String, { description: 'The subject, masked (e.g. A12*****89); the full ID is never stored.' }) subjectMasked!: string;
  @Field(() => String, { nullable: true, description: '法令依據.' }) legalBasis!: string | null;
  @Field(() => String, { nullable: true, description: 'Reference of the citizen’s signed consent.' }) consentDocument!: string | null;
  @Field(() => String, { nullable: true }) consentSignedOn!: string | null;
  @Field(() => ProxyAuthorisationType, { nullable: true }) proxy!: ProxyAuthorisationType | null;
  @Field(() => Boolean, { description: 'Whether the rules in force when it was filed require the supervisor’s approval before a query.' }) preApprovalRequired!: boolean;
  @Field(() => String, { nullable: true, description: 'The rule version it was checked against.' }) ruleVersion!: string | null;
  @Field(() => QueryRequestStatusEnum) status!: QueryRequestStatus;
  @Field(() => QueryRequestDecisionType, { nullable: true }) decision!: QueryRequestDecisionType | null;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('QueryRequestConnection', { description: 'A page of query requests, newest first.' })
export class QueryRequestConnection {
  @Field(() => [QueryRequestType]) nodes!: QueryRequestType[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@ObjectType('SubjectCheck', { description: 'Whether a national ID or business number is well-formed, before filing a request. Nothing is stored.' })
export class SubjectCheckType {
  @Field(() => Boolean) valid!: boolean;
  @Field(() => String, { nullable: true, description: 'INVALID_NATIONAL_ID or INVALID_BUSINESS_NUMBER.' }) code!: string | null;
  @Field(() => String, { nullable: true, description: 'EMPTY, LENGTH, FORMAT, LETTER, GENDER_DIGIT, CHECKSUM or OLD_FORMAT_EXPIRED.' }) reason!: string | null;
  @Field(() => String, { nullable: true }) message!: string | null;
  @Field(() => String, { nullable: true }) masked!: string | null;
}

export function presentQueryRequest(request: QueryRequestEntity, now: Date): QueryRequestType {
  const decision = request.decision ?? null;
  return {
    id: request.id,
    requester: accountRef(request.accountId),
    agencyId: request.agencyId,
    unitId: request.unitId,
    caseNumber: request.caseNumber,
    purpose: request.purpose,
    purposeCategory: (request.purposeCategory as PurposeCategoryEnum | null) ?? null,
    service: request.service,
    itemKeys: request.itemKeys,
    subjectKind: request.subjectKind as SubjectKind,
    subjectMasked: request.subjectMasked,
    legalBasis: request.legalBasis,
    consentDocument: request.consentDocument,
    consentSignedOn: request.consentSignedOn,
    proxy: request.proxyForAccountId
      ? { onBehalfOf: accountRef(request.proxyForAccountId), documentNumber: request.proxyDocumentNumber, authorisedOn: request.proxyAuthorisedOn }
      : null,
    preApprovalRequired: request.preApprovalRequired,
    ruleVersion: request.ruleVersion,
    status: requestStatus(request, now),
    decision: decision
      ? { decision: decision.decision, decidedBy: accountRef(decision.decidedBy), decidedAt: decision.decidedAt, expiresAt: decision.expiresAt, note: decision.note }
      : null,
    createdAt: request.createdAt,
  };
}
