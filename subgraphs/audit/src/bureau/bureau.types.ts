import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { AnomalyRuleKind, FindingSeverity, FindingStatus } from '../anomalies/anomaly.type';
import { AuditState } from '../audits/audit-review.type';
import { AuditMethod, DrawMethod } from '../audits/audit.type';
import { TaskState } from '../tasks/compliance-task.type';

/** Same shape as the other subgraphs' (shareable across subgraphs). */
@Directive('@shareable')
@ObjectType('PageInfo', { description: 'Cursor pagination state.' })
export class PageInfo {
  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' }) endCursor!: string | null;
  @Field(() => Boolean) hasNextPage!: boolean;
}

@InputType('BureauAuditFilter', { description: 'Narrows a central agency’s read of the cities’ audits. Every field is optional.' })
export class BureauAuditFilter {
  @Field(() => [ID], { nullable: true, description: 'Only these cities (each within your reach); all the cities you may read when omitted.' })
  cityIds?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Audits of periods ending on or after this day (YYYY-MM-DD).' }) periodFrom?: string | null;
  @Field(() => String, { nullable: true, description: 'Audits of periods starting on or before this day (YYYY-MM-DD).' }) periodTo?: string | null;
  @Field(() => [AuditState], { nullable: true, description: 'Only audits in one of these states.' }) states?: AuditState[] | null;
}

@ObjectType('BureauAudit', {
  description:
    'A city’s audit of its query records as a central agency sees it: of the bureau’s own service only (the service whose rules drew it); how its sample was drawn and how far its review went — never who drew or judged it.',
})
export class BureauAuditType {
  @Field(() => ID, { description: 'The audit’s id.' }) id!: string;
  @Field(() => ID, { description: 'The city whose audit it is.' }) cityId!: string;
  @Field(() => String, { description: 'The WebIR service whose rules drew it (always the bureau’s own).' }) service!: string;
  @Field(() => String, { description: 'The rule-profile version the audit applies.' }) ruleVersionId!: string;
  @Field(() => Boolean, { description: 'False when the rule profiles do not know ruleVersionId: the audit is listed, but its sign-off chain and checklist are unknown (never SIGNED_OFF).' })
  ruleVersionKnown!: boolean;
  @Field(() => AuditMethod, { description: 'SAMPLE or FULL_REVIEW.' }) method!: AuditMethod;
  @Field(() => String, { description: 'The rule that sets how records are chosen, e.g. "Changhua 8(一)".' }) samplingCitation!: string;
  @Field(() => String, { description: 'First day of the audited period (YYYY-MM-DD).' }) periodStart!: string;
  @Field(() => String, { description: 'Last day of the audited period (YYYY-MM-DD).' }) periodEnd!: string;
  @Field(() => ID, { nullable: true, description: 'Only this agency’s records were audited, when set.' }) agencyId!: string | null;
  @Field(() => ID, { nullable: true, description: 'Only this unit’s records were audited, when set.' }) unitId!: string | null;
  @Field(() => Int, { description: 'Records in the period’s population.' }) populationCount!: number;
  @Field(() => String, { description: 'SHA-256 of the population’s ids, as its draw method spells them (see DrawMethod).' }) populationHash!: string;
  @Field(() => DrawMethod, { description: 'How the sample was chosen and the population hashed.' }) drawMethod!: DrawMethod;
  @Field(() => String, { description: 'The random seed of the draw, in hex: with the population and the method, the sample can be drawn again.' }) seed!: string;
  @Field(() => Int, { description: 'Records drawn into the sample.' }) sampleSize!: number;
  @Field(() => Date, { description: 'When the sample was drawn.' }) drawnAt!: Date;
  @Field(() => AuditState, { description: 'How far the review has gone.' }) state!: AuditState;
  @Field(() => Int, { description: 'Sampled records judged on every criterion.' }) judgedRecords!: number;
  @Field(() => Int, { description: 'Checklist items answered.' }) checklistAnswered!: number;
  @Field(() => Int, { description: 'Sign-off steps signed.' }) signatures!: number;
  @Field(() => String, { nullable: true, description: '附件四 稽核結果及建議, once written.' }) recommendations!: string | null;
}

@ObjectType('BureauSampledRecord', { description: 'A query record drawn into a city’s audit sample, as a central agency sees it (never the official’s account).' })
export class BureauSampledRecordType {
  @Field(() => Int, { description: 'Order in the draw.' }) position!: number;
  @Field(() => ID, { description: 'The query record (CrossCityQueryRecord.id).' }) queryRecordId!: string;
  @Field(() => Date, { description: 'When the query was made.' }) queriedAt!: Date;
  @Field(() => ID, { description: 'The agency of the official who queried.' }) agencyId!: string;
  @Field(() => ID, { nullable: true, description: 'The unit of the official who queried.' }) unitId!: string | null;
  @Field(() => String, { description: 'Query item key "<service>:<code>:<lookup key>"; always of the bureau’s service.' }) itemKey!: string;
  @Field(() => Int, { description: 'Criteria on which the city’s auditors found it nonconforming (不符).' }) nonconforming!: number;
}

@ObjectType('BureauAuditConnection', { description: 'A page of the cities’ audits, newest period first (then by draw time and id, so the order is stable).' })
export class BureauAuditConnection {
  @Field(() => [BureauAuditType], { description: 'The audits of this page.' }) nodes!: BureauAuditType[];
  @Field(() => PageInfo, { description: 'Where the next page starts.' }) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'How many audits match the filter in all.' }) totalCount!: number;
}

@InputType('BureauFindingFilter', { description: 'Narrows a central agency’s read of the cities’ anomaly findings. Every field is optional.' })
export class BureauFindingFilter {
  @Field(() => [ID], { nullable: true, description: 'Only these cities (each within your reach); all the cities you may read when omitted.' })
  cityIds?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Findings whose records end on or after this day (YYYY-MM-DD, Taiwan time).' }) from?: string | null;
  @Field(() => String, { nullable: true, description: 'Findings whose records start on or before this day (YYYY-MM-DD, Taiwan time).' }) to?: string | null;
  @Field(() => [FindingSeverity], { nullable: true, description: 'Only these severities.' }) severities?: FindingSeverity[] | null;
  @Field(() => [FindingStatus], { nullable: true, description: 'Only these states.' }) statuses?: FindingStatus[] | null;
  @Field(() => AnomalyRuleKind, { nullable: true, description: 'Only this rule’s findings.' }) rule?: AnomalyRuleKind | null;
}

@ObjectType('BureauFinding', {
  description:
    'A city’s anomaly finding as a central agency sees it: of the bureau’s own service only (the service whose rules raised it); what, when, which agency — never the official’s account nor the person queried.',
})
export class BureauFindingType {
  @Field(() => ID, { description: 'The finding’s id.' }) id!: string;
  @Field(() => ID, { description: 'The city whose register it was found in.' }) cityId!: string;
  @Field(() => String, { description: 'The WebIR service whose rules raised it (always the bureau’s own).' }) service!: string;
  @Field(() => AnomalyRuleKind, { nullable: true, description: 'The rule that raised it; null when the platform does not know the stored rule (see ruleId).' })
  rule!: AnomalyRuleKind | null;
  @Field(() => String, { description: 'The rule id as stored; the only name of a rule the platform does not know.' }) ruleId!: string;
  @Field(() => FindingSeverity, { description: 'How serious.' }) severity!: FindingSeverity;
  @Field(() => FindingStatus, { description: 'OPEN, INVESTIGATING or CLOSED.' }) status!: FindingStatus;
  @Field(() => ID, { nullable: true, description: 'The agency of the official(s), when the finding is about one account.' }) agencyId!: string | null;
  @Field(() => Date, { description: 'The first query of the pattern.' }) windowStart!: Date;
  @Field(() => Date, { description: 'The last query of the pattern.' }) windowEnd!: Date;
  @Field(() => Int, { description: 'How many queries make up the pattern.' }) recordCount!: number;
  @Field(() => [ID], { description: 'Some of those query records (CrossCityQueryRecord.id), as evidence.' }) recordIds!: string[];
  @Field(() => String, { description: 'In words.' }) summary!: string;
  @Field(() => String, { description: 'The rule version in force on the records’ date.' }) ruleVersionId!: string;
  @Field(() => String, { description: 'What the city’s rules say about it.' }) citation!: string;
  @Field(() => Date, { description: 'When the scan raised it.' }) detectedAt!: Date;
}

@ObjectType('BureauFindingConnection', { description: 'A page of the cities’ findings, newest first (then by id, so the order is stable).' })
export class BureauFindingConnection {
  @Field(() => [BureauFindingType], { description: 'The findings of this page.' }) nodes!: BureauFindingType[];
  @Field(() => PageInfo, { description: 'Where the next page starts.' }) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'How many findings match the filter in all.' }) totalCount!: number;
}

@InputType('RequestBureauAuditInput', { description: 'A central agency asks a city to audit a period (and an agency) for the bureau’s service.' })
export class RequestBureauAuditInput {
  @Field(() => ID, { description: 'The city asked (within your reach).' }) cityId!: string;
  @Field(() => String, { description: 'First day of the period to audit (YYYY-MM-DD).' }) periodStart!: string;
  @Field(() => String, { description: 'Last day of the period to audit (YYYY-MM-DD).' }) periodEnd!: string;
  @Field(() => ID, { nullable: true, description: 'Audit only this agency of the city, when set; UNKNOWN_AGENCY when it is not one of the city’s agencies.' }) agencyId?: string | null;
  @Field(() => String, { description: 'Why the bureau asks (1 to 2000 characters).' }) reason!: string;
  @Field(() => String, { nullable: true, description: 'When the city should have audited (YYYY-MM-DD); 30 days from today when omitted.' }) dueOn?: string | null;
}

@ObjectType('BureauAuditRequest', { description: 'A central agency’s request that a city audit a period for its service, and the city’s task for it.' })
export class BureauAuditRequestType {
  @Field(() => ID, { description: 'The request’s id.' }) id!: string;
  @Field(() => ID, { description: 'The city asked.' }) cityId!: string;
  @Field(() => String, { description: 'The bureau’s WebIR service.' }) service!: string;
  @Field(() => ID, { description: 'The bureau officer who asked.' }) requestedBy!: string;
  @Field(() => ID, { description: 'The bureau (agency) that asked.' }) requestedByAgencyId!: string;
  @Field(() => String, { description: 'First day of the period to audit.' }) periodStart!: string;
  @Field(() => String, { description: 'Last day of the period to audit.' }) periodEnd!: string;
  @Field(() => ID, { nullable: true, description: 'The city’s agency to audit, when named.' }) agencyId!: string | null;
  @Field(() => String, { description: 'Why the bureau asks.' }) reason!: string;
  @Field(() => String, { description: 'When the city should have audited (YYYY-MM-DD).' }) dueOn!: string;
  @Field(() => Date, { description: 'When the bureau asked.' }) requestedAt!: Date;
  @Field(() => ID, { nullable: true, description: 'The city’s compliance task for its auditors.' }) taskId!: string | null;
  @Field(() => TaskState, { nullable: true, description: 'OPEN, OVERDUE or DONE: how the city’s task stands.' }) taskState!: TaskState | null;
  @Field(() => Date, { nullable: true, description: 'When the city’s auditors completed it.' }) completedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'What the city’s auditors noted on completing it.' }) completionNote!: string | null;
}

@InputType('BureauAuditRequestFilter', { description: 'Narrows a central agency’s list of its audit requests.' })
export class BureauAuditRequestFilter {
  @Field(() => [ID], { nullable: true, description: 'Only these cities (each within your reach); all the cities you may read when omitted.' })
  cityIds?: string[] | null;
}

@ObjectType('BureauAuditRequestConnection', { description: 'A page of the bureau’s audit requests, newest first (then by id).' })
export class BureauAuditRequestConnection {
  @Field(() => [BureauAuditRequestType], { description: 'The requests of this page.' }) nodes!: BureauAuditRequestType[];
  @Field(() => PageInfo, { description: 'Where the next page starts.' }) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'How many requests match in all.' }) totalCount!: number;
}

@ObjectType('AuditCrossCityRead', {
  description: 'One read of this city’s audits, findings or audit requests by a central agency (or its reporting token): who, when, which operation, how many rows.',
})
export class AuditCrossCityReadType {
  @Field(() => ID, { description: 'The read log entry’s id.' }) id!: string;
  @Field(() => ID, { description: 'The city whose records were read (yours).' }) cityId!: string;
  @Field(() => String, { description: 'The WebIR service the reader may see.' }) service!: string;
  @Field(() => ID, { description: 'The reader’s tenant (the central agencies’ tenant).' }) readerCityId!: string;
  @Field(() => ID, { description: 'The reading account (a bureau officer or a bureau’s service account).' }) readerAccountId!: string;
  @Field(() => ID, { description: 'The reader’s agency (the bureau).' }) readerAgencyId!: string;
  @Field(() => String, { description: 'The GraphQL operation and field that read, e.g. "LaborAudits/bureauAudits".' }) operation!: string;
  @Field(() => Int, { description: 'How many of this city’s rows the read returned.' }) rowCount!: number;
  @Field(() => Date, { description: 'When the read happened.' }) readAt!: Date;
}

@ObjectType('AuditCrossCityReadConnection', { description: 'A page of the reads of this city’s audit records by central agencies, newest first (then by id).' })
export class AuditCrossCityReadConnection {
  @Field(() => [AuditCrossCityReadType], { description: 'The reads of this page.' }) nodes!: AuditCrossCityReadType[];
  @Field(() => PageInfo, { description: 'Where the next page starts.' }) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'How many reads match in all.' }) totalCount!: number;
}
