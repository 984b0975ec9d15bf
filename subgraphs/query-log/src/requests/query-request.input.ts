import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { SUBJECT_KINDS, type SubjectKind } from '../identifiers/subject';
import { PurposeCategoryEnum } from './purpose-category';

export const SubjectKindEnum = Object.fromEntries(SUBJECT_KINDS.map((kind) => [kind, kind])) as { [K in SubjectKind]: K };
registerEnumType(SubjectKindEnum, { name: 'SubjectKind', description: 'NATIONAL_ID (身分證字號 or resident number) or BUSINESS_NUMBER (統一編號).' });

@InputType('CitizenConsentInput', { description: 'The citizen’s signed consent to the query (Taoyuan 4(五)2: 洽公民眾簽署同意).' })
export class CitizenConsentInput {
  @Field(() => String, { description: 'Reference of the signed consent form as filed with the case.' }) documentReference!: string;
  @Field(() => String, { description: 'Date signed, YYYY-MM-DD.' }) signedOn!: string;
}

@InputType('ProxyAuthorisationInput', { description: '代查授權書 (Taipei 6(二)): who is queried for, under which written authorisation.' })
export class ProxyAuthorisationInput {
  @Field(() => ID, { description: 'The official on whose behalf the query is made.' }) onBehalfOfAccountId!: string;
  @Field(() => String, { nullable: true, description: 'Number of the written authorisation (official document).' }) documentNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'Date of the authorisation, YYYY-MM-DD.' }) authorisedOn?: string | null;
}

@InputType('CreateQueryRequestInput', { description: 'A query request: the register form’s fields (Changhua 附表四, Tainan 附表三, Taipei 附件2).' })
export class CreateQueryRequestInput {
  @Field(() => String, { description: '案件編號.' }) caseNumber!: string;
  @Field(() => String, { description: '查詢目的.' }) purpose!: string;
  @Field(() => PurposeCategoryEnum, { nullable: true, description: 'The purpose’s category (社政, 警政, 交通, 衛生, 其他), counted by queryCounts’ PURPOSE_CATEGORY.' })
  purposeCategory?: PurposeCategoryEnum | null;
  @Field(() => [String], { description: 'Query item keys "<service>:<code>:<lookup key>", one service.' }) itemKeys!: string[];
  @Field(() => SubjectKindEnum) subjectKind!: SubjectKind;
  @Field(() => String, { description: 'The subject’s national ID or business number; stored only as a keyed hash and a masked form.' }) subject!: string;
  @Field(() => String, { nullable: true, description: '法令依據.' }) legalBasis?: string | null;
  @Field(() => CitizenConsentInput, { nullable: true }) consent?: CitizenConsentInput | null;
  @Field(() => ProxyAuthorisationInput, { nullable: true }) proxy?: ProxyAuthorisationInput | null;
}
