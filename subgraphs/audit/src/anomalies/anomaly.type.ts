import { AccountReference } from '../shared/account-reference.type';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ComplianceTaskType } from '../tasks/compliance-task.type';

export enum AnomalyRuleKind {
  OUTSIDE_OFFICE_HOURS = 'outside-office-hours',
  BULK_QUERIES = 'bulk-queries',
  VOLUME_ABOVE_BASELINE = 'volume-above-baseline',
  SUBJECT_MANY_USERS = 'subject-many-users',
  UNREGISTERED_BUREAU_QUERY = 'unregistered-bureau-query',
}
registerEnumType(AnomalyRuleKind, { name: 'AnomalyRule', description: 'The rules that scan the query register for anomalies.' });

const KNOWN_RULES: ReadonlySet<string> = new Set(Object.values(AnomalyRuleKind));

/**
 * The rule of a stored rule id, or null for one the platform does not know (a row written before the
 * finding_rule_id_known check): GraphQL cannot serialise it as an AnomalyRule, and one such row must not
 * fail the whole list it is in.
 */
export function anomalyRuleOf(ruleId: string): AnomalyRuleKind | null {
  return KNOWN_RULES.has(ruleId) ? (ruleId as AnomalyRuleKind) : null;
}

export enum FindingSeverity {
  LOW = 'low',
  MEDIUM = 'medium',
  HIGH = 'high',
}
registerEnumType(FindingSeverity, { name: 'FindingSeverity' });

export enum FindingStatus {
  OPEN = 'open',
  INVESTIGATING = 'investigating',
  CLOSED = 'closed',
}
registerEnumType(FindingStatus, { name: 'FindingStatus', description: 'OPEN until an investigation is opened, INVESTIGATING, CLOSED with its outcome.' });

export enum InvestigationOutcome {
  NO_MISUSE = 'no-misuse',
  MISUSE_CONFIRMED = 'misuse-confirmed',
  INCONCLUSIVE = 'inconclusive',
}
registerEnumType(InvestigationOutcome, { name: 'InvestigationOutcome' });

/** The actions the rule profiles name (`ANOMALY_ACTIONS` in @custos/rules). */
export enum AnomalyAction {
  REVOKE_ACCOUNT = 'revoke-account',
  PURSUE_RESPONSIBILITY = 'pursue-responsibility',
  REPORT_TO_AGENCY_HEAD = 'report-to-agency-head',
  REWARD_PENALTY_PROPOSAL = 'reward-penalty-proposal',
  JOINT_AUDIT = 'joint-audit',
  AUDIT_REPORT = 'audit-report',
  AUDIT_RECORD = 'audit-record',
  NOTIFY_AGENCY = 'notify-agency',
}
registerEnumType(AnomalyAction, { name: 'AnomalyAction', description: 'What follows a finding, as the city’s rules allow (e.g. Taipei 6(四): revoke the account, pursue responsibility).' });

@ObjectType('Finding', { description: 'An anomaly an anomaly rule found in the query register.' })
export class FindingType {
  @Field(() => ID) id!: string;
  @Field(() => AnomalyRuleKind, { nullable: true, description: 'Null when the platform does not know the stored rule (see ruleId): the finding is still listed, as evidence.' })
  rule!: AnomalyRuleKind | null;
  @Field(() => String, { description: 'The rule id as stored, e.g. "bulk-queries"; the only name of a rule the platform does not know.' }) ruleId!: string;
  @Field(() => FindingSeverity) severity!: FindingSeverity;
  @Field(() => FindingStatus) status!: FindingStatus;
  @Field(() => ID, { nullable: true, description: 'The account whose queries it concerns.' }) accountId!: string | null;
  @Field(() => AccountReference, { nullable: true, description: 'That account (its name and username resolve in identity).' }) account!: AccountReference | null;
  @Field(() => ID, { nullable: true }) agencyId!: string | null;
  @Field(() => String, { nullable: true, description: 'A pseudonym of the person queried (subject rules), stable within the city; never the ID nor the register’s subject hash.' }) subjectKey!: string | null;
  @Field(() => Date) windowStart!: Date;
  @Field(() => Date) windowEnd!: Date;
  @Field(() => Int) recordCount!: number;
  @Field(() => [ID], { description: 'The query records it rests on (the first 50).' }) recordIds!: string[];
  @Field(() => String) summary!: string;
  @Field(() => String, { description: 'The rule’s figures, as JSON.' }) details!: string;
  @Field(() => String) ruleVersionId!: string;
  @Field(() => String, { description: 'The rule broken, and the rule that says what to do about it.' }) citation!: string;
  @Field(() => Date) detectedAt!: Date;
}

@ObjectType('AnomalyScan', { description: 'One run of the anomaly rules over a period.' })
export class AnomalyScanType {
  @Field(() => ID) id!: string;
  @Field(() => String) periodStart!: string;
  @Field(() => String) periodEnd!: string;
  @Field(() => [AnomalyRuleKind], { description: 'The rules that applied under the city’s rules of the period.' }) rules!: AnomalyRuleKind[];
  @Field(() => Int, { description: 'New findings.' }) created!: number;
  @Field(() => [FindingType], { description: 'Findings raised or refreshed by this scan.' }) findings!: FindingType[];
}

@ObjectType('InvestigationNote')
export class InvestigationNoteType {
  @Field(() => ID) id!: string;
  @Field(() => ID) authorId!: string;
  @Field(() => [String]) authorRoles!: string[];
  @Field(() => String) body!: string;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('Investigation', { description: 'The joint investigation of a finding by the team the city’s rules name.' })
export class InvestigationType {
  @Field(() => ID) id!: string;
  @Field(() => ID) findingId!: string;
  @Field(() => [String], { description: 'The platform roles of the team (e.g. UNIT_HEAD, ETHICS_OFFICER, IT_OFFICER).' }) teamRoles!: string[];
  @Field(() => [String], { description: 'Their local titles.' }) teamTitlesZh!: string[];
  @Field(() => String, { description: 'The rule that names the team, e.g. "Tainan 8(二)".' }) teamCitation!: string;
  @Field(() => [AnomalyAction], { description: 'The actions the city’s rules allow as an outcome.' }) availableActions!: AnomalyAction[];
  @Field(() => ID, { nullable: true, description: 'The anomaly-found event whose tasks (and deadlines) the investigation started.' }) eventId!: string | null;
  @Field(() => ID) openedBy!: string;
  @Field(() => Date) openedAt!: Date;
  @Field(() => InvestigationOutcome, { nullable: true }) outcome!: InvestigationOutcome | null;
  @Field(() => [AnomalyAction]) actions!: AnomalyAction[];
  @Field(() => String, { nullable: true }) outcomeSummary!: string | null;
  @Field(() => ID, { nullable: true }) closedBy!: string | null;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => [InvestigationNoteType]) notes!: InvestigationNoteType[];
  @Field(() => [ComplianceTaskType], { description: 'The tasks the rules attach to the anomaly (e.g. Tainan 8(二): the joint investigation).' }) tasks!: ComplianceTaskType[];
}

@InputType('CloseInvestigationInput')
export class CloseInvestigationInput {
  @Field(() => ID) investigationId!: string;
  @Field(() => InvestigationOutcome) outcome!: InvestigationOutcome;
  @Field(() => [AnomalyAction], { defaultValue: [] }) actions!: AnomalyAction[];
  @Field(() => String, { description: 'The audit report’s conclusion.' }) summary!: string;
}
