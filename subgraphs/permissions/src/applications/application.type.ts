import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AccountReference } from '../accounts/account.type';
import { AgencyReference } from '../accounts/agency.type';
import { QueryItemType } from '../catalogue/query-item.type';
import { PageInfo } from '../common/pagination';
import { BusinessItemInput } from '../register/register.type';

export enum StepDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}
registerEnumType(StepDecision, { name: 'StepDecision', description: 'APPROVE (同意 / done) or REJECT (不同意; ends the application).' });

@ObjectType('ApplicationForm', { description: 'The paper form this application replaces, as numbered in the rules in force when filed.' })
export class ApplicationFormType {
  @Field(() => String) kind!: string;
  @Field(() => String, { description: 'e.g. 附表二' }) number!: string;
  @Field(() => String) title!: string;
}

@ObjectType('ApplicationEvent', { description: 'One entry of the timeline: who did what, when, with which comment.' })
export class ApplicationEventType {
  @Field(() => Int) sequence!: number;
  @Field(() => String, { description: 'SUBMITTED, APPROVED, REJECTED or WITHDRAWN.' }) event!: string;
  @Field(() => Int, { nullable: true, description: 'The step decided (index into steps).' }) stepIndex!: number | null;
  @Field(() => String, { nullable: true, description: 'The role the actor acted in.' }) role!: string | null;
  @Field(() => String, { nullable: true }) action!: string | null;
  @Field(() => AccountReference, {
    nullable: true,
    description: 'Who acted. Null when the actor is not of your city: a central agency’s officer recording the bureau’s own decision (role BUREAU_OFFICER).',
  })
  actor!: AccountReference | null;
  @Field(() => AgencyReference, { nullable: true, description: 'The actor’s agency; null when it is not of your city (the bureau, for a BUREAU_OFFICER decision).' })
  actorAgency!: AgencyReference | null;
  @Field(() => String, { nullable: true, description: '"bureau" when the top admin recorded the bureau’s decision.' }) onBehalfOf!: string | null;
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field(() => Date) actedAt!: Date;
}

@ObjectType('ApplicationStep', { description: "One step of the application's approval chain, from the city's rule profile." })
export class ApplicationStepType {
  @Field(() => Int) index!: number;
  @Field(() => String) role!: string;
  @Field(() => String, { description: 'own-unit, own-agency, parent-agency, reviewing-agency, commissioning-agency, top-admin or bureau.' }) agencyScope!: string;
  @Field(() => String, { description: 'consent, endorse, review, approve, apply-to-bureau, set-up or notify-egov-platform.' }) action!: string;
  @Field(() => String, { description: 'Who acts, as the form names them (e.g. 單位主管).' }) title!: string;
  @Field(() => String) citation!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => String, { description: 'DONE, CURRENT, WAITING, REJECTED or NOT_REACHED.' }) state!: string;
  @Field(() => ApplicationEventType, { nullable: true, description: 'The decision taken in this step.' }) decision!: ApplicationEventType | null;
}

@ObjectType('ProposedBusinessItem', { description: 'A business item the application asks to register, with the items.' })
export class ProposedBusinessItemType {
  @Field(() => ID, { nullable: true }) legalBasisId!: string | null;
  @Field(() => String, { nullable: true, description: 'A new legal basis: its laws.' }) newLegalBasisLaws!: string | null;
  @Field(() => String, { nullable: true }) newLegalBasisCategory!: string | null;
  @Field(() => String) name!: string;
  @Field(() => String) purpose!: string;
  @Field(() => [ID]) unitIds!: string[];
}

@ObjectType('RetentionPeriod', { description: 'How long the rules in force when filed say to keep this form.' })
export class RetentionPeriodType {
  @Field(() => Int) minimumYears!: number;
  @Field(() => String, { description: 'record-date or account-revocation.' }) startsAt!: string;
  @Field(() => String) citation!: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, once known.' }) keepUntil!: string | null;
}

@ObjectType('Application', { description: 'An application form (附表一/二/三) as a workflow: what is asked, the chain of steps and the timeline.' })
export class ApplicationType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'agency-admin-account, user-account or agency-items.' }) kind!: string;
  @Field(() => String, { description: 'new, change, delete, add or remove.' }) operation!: string;
  @Field(() => String, { description: 'PENDING, APPROVED, REJECTED or WITHDRAWN.' }) status!: string;
  @Field(() => String) service!: string;
  @Field(() => String, { description: 'The rule version the application was filed under.' }) ruleVersion!: string;
  @Field(() => ApplicationFormType, { nullable: true }) form!: ApplicationFormType | null;
  @Field(() => AccountReference) applicant!: AccountReference;
  @Field(() => AccountReference, { description: 'The account applied for (the applicant, or e.g. the new admin).' }) subject!: AccountReference;
  @Field(() => AccountReference, { nullable: true, description: 'The admin being replaced (機關管理者異動).' }) replaces!: AccountReference | null;
  @Field(() => AgencyReference) agency!: AgencyReference;
  @Field(() => ID, { nullable: true }) unitId!: string | null;
  @Field(() => AgencyReference, { nullable: true, description: 'For a commissioned agency: the agency whose consent comes first.' }) commissioningAgency!: AgencyReference | null;
  @Field(() => [QueryItemType]) itemsToAdd!: QueryItemType[];
  @Field(() => [QueryItemType]) itemsToRemove!: QueryItemType[];
  @Field(() => ProposedBusinessItemType, { nullable: true }) proposedBusinessItem!: ProposedBusinessItemType | null;
  @Field(() => String, { description: '申請事由' }) reason!: string;
  @Field(() => Boolean, { description: '個資保護提醒事項「已閱讀完畢」 (Tainan 附表一/二).' }) personalDataAcknowledged!: boolean;
  @Field(() => Date) submittedAt!: Date;
  @Field(() => Date, { nullable: true }) decidedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the approved change was made.' }) appliedAt!: Date | null;
  @Field(() => Int, { description: 'Index of the step now awaited (= number of steps once decided).' }) currentStep!: number;
}

@ObjectType('ApplicationConnection', { description: 'A page of applications, oldest first.' })
export class ApplicationConnection {
  @Field(() => [ApplicationType]) nodes!: ApplicationType[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@InputType('ApplicationInput', { description: 'What the form asks for. Which fields apply depends on the kind.' })
export class ApplicationInput {
  @Field(() => String, { description: 'agency-admin-account (附表一), user-account (附表二) or agency-items (附表三 / 業務項目清冊).' }) kind!: string;
  @Field(() => String, { description: "new, change or delete (accounts); add or remove (an agency's items): as the city's rules allow." }) operation!: string;
  @Field(() => String, { description: '申請事由: the reason, in detail.' }) reason!: string;
  @Field(() => Boolean, { defaultValue: false, description: 'The personal-data protection reminder read (required where the form has it, e.g. Tainan).' }) personalDataAcknowledged!: boolean;
  @Field(() => ID, { nullable: true, description: 'agency-admin-account: the account that becomes admin (default: the applicant).' }) subjectAccountId?: string | null;
  @Field(() => ID, { nullable: true, description: 'agency-admin-account change: the admin replaced (default: the applicant when naming a successor).' }) replacesAccountId?: string | null;
  @Field(() => [ID], { defaultValue: [], description: 'Item keys to add.' }) itemsToAdd!: string[];
  @Field(() => [ID], { defaultValue: [], description: 'Item keys to remove.' }) itemsToRemove!: string[];
  @Field(() => ID, { nullable: true, description: 'agency-items add: a registered business item of the agency the items serve.' }) businessItemId?: string | null;
  @Field(() => BusinessItemInput, { nullable: true, description: 'agency-items add: a new business item (with its legal basis) to register.' }) businessItem?: BusinessItemInput | null;
  @Field(() => ID, { nullable: true, description: 'agency-admin-account: the legal basis, where the rules require one (Taipei 5(一)).' }) legalBasisId?: string | null;
}

@ObjectType('ApplicationFormChainStep', { description: 'One step an application of this kind runs through after filing, as the rules in force today say.' })
export class ApplicationFormChainStepType {
  @Field(() => String) role!: string;
  @Field(() => String, { description: 'own-unit, own-agency, parent-agency, reviewing-agency, commissioning-agency, top-admin or bureau.' }) agencyScope!: string;
  @Field(() => String) action!: string;
  @Field(() => String, { description: 'Who acts, as the form names them (e.g. 單位主管).' }) title!: string;
  @Field(() => String) citation!: string;
  @Field(() => Boolean, { description: 'Only for a commissioned agency (受委託機關).' }) onlyForCommissionedAgency!: boolean;
}

@ObjectType('ApplicationFormRule', { description: "What the caller's city's rules in force today say about one application kind: what a console form must ask." })
export class ApplicationFormRuleType {
  @Field(() => String, { description: 'agency-admin-account, user-account or agency-items.' }) kind!: string;
  @Field(() => Boolean, { description: 'False when the rules provide no such application.' }) available!: boolean;
  @Field(() => String) availableCitation!: string;
  @Field(() => [String], { description: 'The operations allowed (new, change, delete; add, remove).' }) operations!: string[];
  @Field(() => String) operationsCitation!: string;
  @Field(() => ApplicationFormType, { nullable: true, description: 'The paper form it replaces.' }) form!: ApplicationFormType | null;
  @Field(() => Boolean, { description: '個資保護提醒事項 must be ticked (Tainan 附表一/二).' }) personalDataAcknowledgementRequired!: boolean;
  @Field(() => String) personalDataAcknowledgementCitation!: string;
  @Field(() => Boolean, { description: 'A legal basis must be stated (agency admin applications, Taipei 5(一)).' }) legalBasisRequired!: boolean;
  @Field(() => String) legalBasisCitation!: string;
  @Field(() => [ApplicationFormChainStepType], { description: 'The approval chain after filing (steps for commissioned agencies marked).' }) steps!: ApplicationFormChainStepType[];
}

@ObjectType('ApplicationForms', { description: "The application forms of the caller's city under the rules in force today." })
export class ApplicationFormsType {
  @Field(() => String, { description: 'The data service the rules govern (labor-insurance or health-insurance).' }) service!: string;
  @Field(() => String, { nullable: true, description: 'The rule version in force; null when none is (then nothing can be filed).' }) ruleVersion!: string | null;
  @Field(() => String, { nullable: true, description: 'Why nothing can be filed, in words, when no rules are in force.' }) message!: string | null;
  @Field(() => [ApplicationFormRuleType]) kinds!: ApplicationFormRuleType[];
}
