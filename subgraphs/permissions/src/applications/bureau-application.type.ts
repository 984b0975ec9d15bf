import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../common/pagination';
import { StepDecision } from './application.type';

@ObjectType('BureauApplication', {
  description:
    'A city’s application as a central agency sees it while it awaits the bureau’s own step (e.g. Taoyuan 6(二), 附表三: 勞保局 approves agency items): what is asked, by which agency, why — never the applicant’s identity.',
})
export class BureauApplicationType {
  @Field(() => ID, { description: 'The application’s id.' }) id!: string;
  @Field(() => ID, { description: 'The city it was filed in.' }) cityId!: string;
  @Field(() => String, { description: 'The WebIR service (always the bureau’s own).' }) service!: string;
  @Field(() => String, { description: 'agency-items, user-account, …' }) kind!: string;
  @Field(() => String, { description: 'add, remove, change, …' }) operation!: string;
  @Field(() => String, { description: 'PENDING, or REJECTED once the bureau rejected it.' }) status!: string;
  @Field(() => ID, { description: 'The applying agency.' }) agencyId!: string;
  @Field(() => String, { nullable: true, description: 'The applying agency’s name (identity’s directory); null if the directory does not hold it.' }) agencyName!: string | null;
  @Field(() => String, { nullable: true, description: 'The applying agency’s English name, when it has one.' }) agencyNameEn!: string | null;
  @Field(() => [String], { description: 'Item keys to add.' }) itemsToAdd!: string[];
  @Field(() => [String], { description: 'Item keys to remove.' }) itemsToRemove!: string[];
  @Field(() => BureauBusinessItemType, { nullable: true, description: 'agency-items: the business item the items are asked for (registered, or proposed with the application), with its legal basis.' })
  businessItem!: BureauBusinessItemType | null;
  @Field(() => BureauLegalBasisType, { nullable: true, description: 'The legal basis stated without a business item (e.g. agency admin applications, Taipei 5(一)).' }) legalBasis!: BureauLegalBasisType | null;
  @Field(() => String, { description: '申請事由.' }) reason!: string;
  @Field(() => String, { nullable: true, description: 'The paper form it replaces, e.g. 附表三.' }) formNumber!: string | null;
  @Field(() => Date, { description: 'When it was filed.' }) submittedAt!: Date;
  @Field(() => Int, { description: 'The step now awaited (index into the chain); pass it as `step` to decide.' }) currentStep!: number;
  @Field(() => String, { nullable: true, description: 'The awaited step’s title in the rules, e.g. 勞動部勞工保險局.' }) stepTitleZh!: string | null;
  @Field(() => String, { nullable: true, description: 'The awaited step’s rule, e.g. "Taoyuan 6(二), 附表三".' }) stepCitation!: string | null;
}

@ObjectType('BureauLegalBasis', { description: 'The legal basis an application is filed under, as the bureau deciding it sees it.' })
export class BureauLegalBasisType {
  @Field(() => Boolean, { description: 'True when it is in the city’s register; false when the application proposes it (registered once approved).' }) registered!: boolean;
  @Field(() => String, { description: 'law or major-policy.' }) kind!: string;
  @Field(() => String, { description: 'social, police, traffic, health or other.' }) category!: string;
  @Field(() => String, { nullable: true, description: '法律依據: the laws, in Traditional Chinese.' }) laws!: string | null;
  @Field(() => String, { description: '使用目的: what the basis allows the data to be used for.' }) purpose!: string;
  @Field(() => String, { nullable: true, description: 'The register’s citation, when it has one.' }) citation!: string | null;
}

@ObjectType('BureauBusinessItem', { description: 'The business item (業務項目) an application asks items for, as the bureau deciding it sees it.' })
export class BureauBusinessItemType {
  @Field(() => Boolean, { description: 'True when it is in the city’s register (業務項目清冊); false when the application proposes it.' }) registered!: boolean;
  @Field(() => String, { description: 'Its name, in Traditional Chinese.' }) name!: string;
  @Field(() => String, { description: 'Its purpose, in Traditional Chinese.' }) purpose!: string;
  @Field(() => BureauLegalBasisType, { nullable: true, description: 'The legal basis it rests on.' }) legalBasis!: BureauLegalBasisType | null;
}

@ObjectType('BureauApplicationConnection', { description: 'A page of applications awaiting the bureau, oldest first (then by id).' })
export class BureauApplicationConnection {
  @Field(() => [BureauApplicationType], { description: 'The applications of this page.' }) nodes!: BureauApplicationType[];
  @Field(() => PageInfo, { description: 'Where the next page starts.' }) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'How many applications await the bureau in all.' }) totalCount!: number;
}

@InputType('BureauApplicationFilter', { description: 'Narrows a central agency’s list of applications awaiting it.' })
export class BureauApplicationFilter {
  @Field(() => [ID], { nullable: true, description: 'Only these cities (each within your reach); all the cities you may read when omitted.' }) cityIds?: string[] | null;
}

@InputType('BureauDecisionInput', { description: 'The bureau’s own decision on the step of an application that awaits it.' })
export class BureauDecisionInput {
  @Field(() => ID, { description: 'The city the application was filed in (within your reach).' }) cityId!: string;
  @Field(() => ID, { description: 'The application.' }) applicationId!: string;
  @Field(() => StepDecision, { description: 'APPROVE, or REJECT with a comment (ends the application).' }) decision!: StepDecision;
  @Field(() => String, { nullable: true, description: '審核意見; required to reject.' }) comment?: string | null;
  @Field(() => Int, { nullable: true, description: 'The step index the decision is for, as shown: a repeated click cannot decide the next step too.' }) step?: number | null;
}

@ObjectType('ApplicationCrossCityRead', { description: 'One read of this city’s applications by a central agency: who, when, which operation, how many rows.' })
export class ApplicationCrossCityReadType {
  @Field(() => ID, { description: 'The read log entry’s id.' }) id!: string;
  @Field(() => ID, { description: 'The city whose applications were read (yours).' }) cityId!: string;
  @Field(() => String, { description: 'The WebIR service the reader may see.' }) service!: string;
  @Field(() => ID, { description: 'The reader’s tenant (the central agencies’ tenant).' }) readerCityId!: string;
  @Field(() => ID, { description: 'The reading account (a bureau officer).' }) readerAccountId!: string;
  @Field(() => ID, { description: 'The reader’s agency (the bureau).' }) readerAgencyId!: string;
  @Field(() => String, { description: 'The GraphQL operation and field that read, e.g. "Awaiting/bureauApplications".' }) operation!: string;
  @Field(() => Int, { description: 'How many of this city’s rows the read returned.' }) rowCount!: number;
  @Field(() => Date, { description: 'When the read happened.' }) readAt!: Date;
}

@ObjectType('ApplicationCrossCityReadConnection', { description: 'A page of the reads of this city’s applications by central agencies, newest first (then by id).' })
export class ApplicationCrossCityReadConnection {
  @Field(() => [ApplicationCrossCityReadType], { description: 'The reads of this page.' }) nodes!: ApplicationCrossCityReadType[];
  @Field(() => PageInfo, { description: 'Where the next page starts.' }) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'How many reads match in all.' }) totalCount!: number;
}
