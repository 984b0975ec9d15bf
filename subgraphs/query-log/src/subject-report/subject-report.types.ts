import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { SubjectKindEnum } from '../requests/query-request.input';
import type { SubjectKind } from '../identifiers/subject';

@InputType('DataSubjectReportInput', { description: 'A citizen’s request to know who looked at their data (個資法 §3, §10), after the officer verified them in person.' })
export class DataSubjectReportInput {
  @Field(() => SubjectKindEnum, { defaultValue: 'NATIONAL_ID', description: 'What identifies the citizen (or business).' }) subjectKind!: SubjectKind;
  @Field(() => String, { description: 'The national ID (or business number), entered once: it is matched by keyed hash and never stored.' }) subject!: string;
  @Field(() => String, { description: 'The reference of the citizen’s written request (收文號 or case number), kept with the report log.' }) requestReference!: string;
}

@ObjectType('DataSubjectReportEntry', { description: 'One recorded query of the citizen’s data: when, by which agency and unit, for what — never the official’s name or account.' })
export class DataSubjectReportEntryType {
  @Field(() => Date, { description: 'When the query was made.' }) queriedAt!: Date;
  @Field(() => ID, { description: 'The agency that queried.' }) agencyId!: string;
  @Field(() => ID, { nullable: true, description: 'The unit that queried, when known.' }) unitId!: string | null;
  @Field(() => String, { description: 'The query item key "<service>:<code>:<lookup key>".' }) itemKey!: string;
  @Field(() => String, { description: '查詢目的: the purpose given.' }) purpose!: string;
  @Field(() => String, { description: '案件編號: the case the query served.' }) caseNumber!: string;
  @Field(() => String, { nullable: true, description: '法令依據: the legal basis given.' }) legalBasis!: string | null;
}

@ObjectType('DataSubjectReport', { description: 'Every recorded query of one citizen’s data in this city, oldest first. Producing it is itself recorded.' })
export class DataSubjectReportType {
  @Field(() => ID, { description: 'The report log entry’s id.' }) id!: string;
  @Field(() => ID, { description: 'The city whose register was searched.' }) cityId!: string;
  @Field(() => String, { description: 'The citizen’s request reference.' }) requestReference!: string;
  @Field(() => Date, { description: 'When the report was produced.' }) producedAt!: Date;
  @Field(() => String, { description: 'The subject, masked (e.g. A12*****89).' }) subjectMasked!: string;
  @Field(() => Int, { description: 'How many queries were found.' }) recordCount!: number;
  @Field(() => [DataSubjectReportEntryType], { description: 'The queries, oldest first.' }) entries!: DataSubjectReportEntryType[];
}
