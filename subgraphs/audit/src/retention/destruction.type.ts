import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum AuditRecordType {
  AUDIT = 'audit',
  INVESTIGATION = 'investigation',
  FINDING = 'finding',
}
registerEnumType(AuditRecordType, {
  name: 'AuditRecordType',
  description: 'AUDIT: an audit with its sample, judgments, checklist and signatures; INVESTIGATION: an investigation with its notes and its finding; FINDING: a finding never investigated.',
});

@ObjectType('DestructionLogEntry', { description: 'A record of the audit subgraph destroyed once its retention period had passed: what, when and under which rule.' })
export class DestructionLogEntryType {
  @Field(() => ID) id!: string;
  @Field(() => AuditRecordType) recordType!: AuditRecordType;
  @Field(() => ID) recordId!: string;
  @Field(() => String, { description: 'The kind of record the rule names, e.g. audit-record.' }) recordKind!: string;
  @Field(() => String, { description: 'The day the retention period started (YYYY-MM-DD).' }) recordDate!: string;
  @Field(() => String, { description: 'The last day it had to be kept.' }) retainUntil!: string;
  @Field(() => String) ruleVersionId!: string;
  @Field(() => String, { description: 'The retention rule, e.g. "Tainan 8 第二項".' }) citation!: string;
  @Field(() => Int) minimumYears!: number;
  @Field(() => String, { description: 'What was destroyed, as JSON (period, population hash, counts…).' }) summary!: string;
  @Field(() => Date) destroyedAt!: Date;
  @Field(() => ID, { nullable: true, description: 'Who destroyed it; null for the scheduled job.' }) destroyedBy!: string | null;
}

@ObjectType('KeptRecord', { description: 'A record the destruction run kept, and why.' })
export class KeptRecordType {
  @Field(() => AuditRecordType) recordType!: AuditRecordType;
  @Field(() => ID) recordId!: string;
  @Field(() => String) reason!: string;
  @Field(() => String, { nullable: true }) retainUntil!: string | null;
}

@ObjectType('DestructionRun', { description: 'One run of the destruction of expired audit records.' })
export class DestructionRunType {
  @Field(() => Boolean, { description: 'A dry run lists what would be destroyed and destroys nothing.' }) dryRun!: boolean;
  @Field(() => [DestructionLogEntryType]) destroyed!: DestructionLogEntryType[];
  @Field(() => [KeptRecordType]) kept!: KeptRecordType[];
}
