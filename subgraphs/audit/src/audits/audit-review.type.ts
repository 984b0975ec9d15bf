import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum SampleCriterion {
  LEGITIMATE_PURPOSE = 'legitimate-purpose',
  WITHIN_BUSINESS_ITEM = 'within-business-item',
  REGISTER_COMPLETE = 'register-complete',
  PRE_APPROVAL_PRESENT = 'pre-approval-present',
  PRINTOUT_HANDLED = 'printout-handled',
}
registerEnumType(SampleCriterion, { name: 'SampleCriterion', description: 'What a sampled record is judged on.' });

export enum JudgmentResult {
  CONFORMS = 'conforms',
  NONCONFORMING = 'nonconforming',
  NOT_APPLICABLE = 'not-applicable',
}
registerEnumType(JudgmentResult, {
  name: 'JudgmentResult',
  description: 'CONFORMS 符合, NONCONFORMING 不符 (explain in the note), NOT_APPLICABLE 不適用 (only where the rules of the record’s date do not ask for it).',
});

export enum ChecklistResult {
  CONFORMS = 'conforms',
  NONCONFORMING = 'nonconforming',
}
registerEnumType(ChecklistResult, { name: 'ChecklistResult', description: 'CONFORMS 符合 or NONCONFORMING 不符 (Tainan 附件四).' });

export enum AuditState {
  DRAWN = 'DRAWN',
  IN_REVIEW = 'IN_REVIEW',
  READY_FOR_SIGNOFF = 'READY_FOR_SIGNOFF',
  SIGNING = 'SIGNING',
  SIGNED_OFF = 'SIGNED_OFF',
}
registerEnumType(AuditState, {
  name: 'AuditState',
  description: 'DRAWN: nothing judged yet; IN_REVIEW: judging; READY_FOR_SIGNOFF: every record and checklist item answered; SIGNING: signatures under way (no more changes); SIGNED_OFF.',
});

@ObjectType('CriterionJudgment', { description: 'A sampled record on one criterion, under the rules of its date.' })
export class CriterionJudgmentType {
  @Field(() => SampleCriterion) criterion!: SampleCriterion;
  @Field(() => String) labelZh!: string;
  @Field(() => String) labelEn!: string;
  @Field(() => String) citation!: string;
  @Field(() => Boolean, { description: 'False where the rules of the record’s date do not ask for it.' }) required!: boolean;
  @Field(() => JudgmentResult, { nullable: true, description: 'Null until judged.' }) result!: JudgmentResult | null;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => ID, { nullable: true }) judgedBy!: string | null;
  @Field(() => Date, { nullable: true }) judgedAt!: Date | null;
}

@ObjectType('ChecklistEntry', { description: 'One item of the city’s audit checklist for this audit, with the previous audit’s answer.' })
export class ChecklistEntryType {
  @Field(() => String) itemId!: string;
  @Field(() => String) textZh!: string;
  @Field(() => String) textEn!: string;
  @Field(() => Boolean, { description: 'The rule’s or form’s exact wording.' }) verbatim!: boolean;
  @Field(() => String) citation!: string;
  @Field(() => ChecklistResult, { nullable: true }) result!: ChecklistResult | null;
  @Field(() => String, { nullable: true, description: '辦理情形說明.' }) note!: string | null;
  @Field(() => ChecklistResult, { nullable: true, description: '上次稽核結果: the answer in the previous audit of the same scope.' }) previousResult!: ChecklistResult | null;
  @Field(() => ID, { nullable: true }) previousAuditId!: string | null;
  @Field(() => ID, { nullable: true }) recordedBy!: string | null;
  @Field(() => Date, { nullable: true }) recordedAt!: Date | null;
}

@ObjectType('SignoffStep', { description: 'One signature of the audit’s sign-off chain, in order.' })
export class SignoffStepType {
  @Field(() => Int) step!: number;
  @Field(() => [String], { description: 'Any of these platform roles may sign this step.' }) roles!: string[];
  @Field(() => String, { nullable: true, description: 'The local title, e.g. 科(室、組)長.' }) titleZh!: string | null;
  @Field(() => String) citation!: string;
  @Field(() => ID, { nullable: true }) signedBy!: string | null;
  @Field(() => String, { nullable: true, description: 'The role the signer signed as.' }) signedAs!: string | null;
  @Field(() => Date, { nullable: true }) signedAt!: Date | null;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType('AuditReviewProgress', { description: 'How far the review has come.' })
export class AuditReviewProgressType {
  @Field(() => Int) sampleSize!: number;
  @Field(() => Int, { description: 'Sampled records answered on every criterion.' }) judgedRecords!: number;
  @Field(() => Int, { description: 'Judged records with at least one NONCONFORMING answer.' }) nonconformingRecords!: number;
  @Field(() => Int) checklistItems!: number;
  @Field(() => Int) checklistAnswered!: number;
}

@InputType('CriterionJudgmentInput')
export class CriterionJudgmentInput {
  @Field(() => SampleCriterion) criterion!: SampleCriterion;
  @Field(() => JudgmentResult) result!: JudgmentResult;
  @Field(() => String, { nullable: true, description: 'Required for NONCONFORMING.' }) note?: string | null;
}

@InputType('JudgeSampledRecordInput')
export class JudgeSampledRecordInput {
  @Field(() => ID) auditId!: string;
  @Field(() => Int, { description: 'The record’s position in the sample.' }) position!: number;
  @Field(() => [CriterionJudgmentInput]) judgments!: CriterionJudgmentInput[];
}

@InputType('ChecklistAnswerInput')
export class ChecklistAnswerInput {
  @Field(() => String) itemId!: string;
  @Field(() => ChecklistResult) result!: ChecklistResult;
  @Field(() => String, { nullable: true, description: '辦理情形說明; required for NONCONFORMING.' }) note?: string | null;
}

@InputType('RecordChecklistInput')
export class RecordChecklistInput {
  @Field(() => ID) auditId!: string;
  @Field(() => [ChecklistAnswerInput]) answers!: ChecklistAnswerInput[];
  @Field(() => String, { nullable: true, description: '上次稽核結果: how the previous audit’s findings were followed up.' }) previousResultNote?: string | null;
  @Field(() => String, { nullable: true, description: '稽核結果及建議.' }) recommendations?: string | null;
}
