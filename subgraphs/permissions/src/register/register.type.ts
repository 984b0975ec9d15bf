import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../common/pagination';
import { QueryItemType } from '../catalogue/query-item.type';

@ObjectType('LegalBasis', { description: 'A law, or a major policy and plan (Changhua 2), under which an agency may use the data.' })
export class LegalBasisType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'law or major-policy.' }) kind!: string;
  @Field(() => String, { description: 'Tainan 2 categories: social (社政), police (警政), traffic (交通), health (衛生), other (其他).' }) category!: string;
  @Field(() => String, { nullable: true, description: 'The laws named (法令依據); null for the catch-all category.' }) laws!: string | null;
  @Field(() => String, { description: 'What it allows (應用目的).' }) purpose!: string;
  @Field(() => String, { nullable: true, description: 'Where the city’s rules list it, e.g. "Tainan 2(一)3".' }) citation!: string | null;
  @Field(() => String, { description: 'YYYY-MM-DD' }) effectiveFrom!: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: from this day grants under it no longer count.' }) repealedOn!: string | null;
}

@ObjectType('BusinessItem', { description: 'One entry of the business-item register (業務項目清冊, Changhua 附表一): agency, units, legal basis, purpose and the items it needs.' })
export class BusinessItemType {
  @Field(() => ID) id!: string;
  @Field(() => ID) agencyId!: string;
  @Field(() => [ID], { description: 'The units (科室) that do this business: only their users may be granted its items (data minimisation).' }) unitIds!: string[];
  @Field(() => String, { description: 'The business item (業務項目).' }) name!: string;
  @Field(() => String, { description: 'Its purpose (使用目的).' }) purpose!: string;
  @Field(() => [String]) itemKeys!: string[];
  @Field(() => Date) registeredAt!: Date;
  @Field(() => Date, { nullable: true }) endedAt!: Date | null;
  @Field(() => ID, { nullable: true, description: 'The approved application that registered it.' }) applicationId!: string | null;
  legalBasisId!: string;
}

@ObjectType('BusinessItemConnection', { description: 'A page of the business-item register, oldest entry first.' })
export class BusinessItemConnection {
  @Field(() => [BusinessItemType]) nodes!: BusinessItemType[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@InputType('NewLegalBasisInput', { description: 'A legal basis not yet on the list, registered with the business item once approved.' })
export class NewLegalBasisInput {
  @Field(() => String, { description: 'law or major-policy.' }) kind!: string;
  @Field(() => String, { description: 'social, police, traffic, health or other.' }) category!: string;
  @Field(() => String, { nullable: true, description: 'The laws or the policy and plan.' }) laws?: string | null;
  @Field(() => String) purpose!: string;
}

@InputType('BusinessItemInput', { description: 'A business item to register (業務項目清冊) with the items an agency applies for.' })
export class BusinessItemInput {
  @Field(() => ID, { nullable: true, description: 'A legal basis on the list (e.g. one of Tainan 2).' }) legalBasisId?: string | null;
  @Field(() => NewLegalBasisInput, { nullable: true }) legalBasis?: NewLegalBasisInput | null;
  @Field(() => String) name!: string;
  @Field(() => String) purpose!: string;
  @Field(() => [ID], { nullable: true, description: "Default: the applicant's unit." }) unitIds?: string[] | null;
}

export { QueryItemType };
