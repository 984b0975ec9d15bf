import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CriterionJudgmentType } from './audit-review.type';

export enum AuditMethod {
  SAMPLE = 'sample',
  FULL_REVIEW = 'full-review',
}
registerEnumType(AuditMethod, {
  name: 'AuditMethod',
  description: 'SAMPLE: drawn by the city’s sampling rule; FULL_REVIEW: the rules do not sample, so every record of the period is checked.',
});

export enum SampleStratum {
  UNIT = 'unit',
  ITEM = 'item',
}
registerEnumType(SampleStratum, { name: 'SampleStratum', description: 'Stratify the sample by unit, by query item, or both.' });

export enum DrawMethod {
  MD5_SORTED_IDS = 'md5-sorted-ids',
  HASH64_REGISTER_ORDER = 'hash64-register-order',
}
registerEnumType(DrawMethod, {
  name: 'DrawMethod',
  description: 'How a sample was chosen and its population hashed; an audit is always verified by the method it was drawn with.',
  valuesConfig: {
    MD5_SORTED_IDS: {
      description: 'Audits drawn before 2026-12: records ranked by md5(seed ‖ id as text); population hash SHA-256 of the ids as text, one per line, in ascending order.',
    },
    HASH64_REGISTER_ORDER: {
      description:
        'Records ranked by PostgreSQL’s seeded 64-bit hash of the id’s 16 bytes, uuid_hash_extended(id, seed), as an unsigned number; population hash SHA-256 of the ids’ 16 bytes in register order (query time, then id).',
    },
  },
});

@ObjectType('AppliedSamplingRule', { description: 'The sampling rule an audit was drawn by, with its citation.' })
export class AppliedSamplingRuleType {
  @Field(() => String, { description: 'month or half-year.' }) period!: string;
  @Field(() => String, { description: 'What is counted: case or query-row.' }) unit!: string;
  @Field(() => Int) percent!: number;
  @Field(() => Int) minimum!: number;
  @Field(() => Int, { nullable: true }) maximum!: number | null;
  @Field(() => Int, { description: 'Below this population every record is checked.' }) allIfFewerThan!: number;
  @Field(() => String) citation!: string;
}

@ObjectType('SampledRecord', { description: 'A query record drawn into an audit’s sample.' })
export class SampledRecordType {
  @Field(() => Int, { description: 'Order in the draw (by the keyed hash, per stratum).' }) position!: number;
  @Field(() => ID, { description: 'The query record (QueryRecord.id in the query register).' }) queryRecordId!: string;
  @Field(() => String, { description: 'Its sequence number in the city’s register.' }) sequence!: string;
  @Field(() => Date) queriedAt!: Date;
  @Field(() => ID) accountId!: string;
  @Field(() => ID) agencyId!: string;
  @Field(() => ID, { nullable: true }) unitId!: string | null;
  @Field(() => String) itemKey!: string;
  @Field(() => String, { nullable: true, description: 'The stratum it was drawn from, when stratified.' }) stratum!: string | null;
  @Field(() => String, { description: 'The key the draw ranks records by, in hex (see DrawMethod).' }) drawKey!: string;
  @Field(() => [CriterionJudgmentType], { description: 'The criteria it is judged on, under the rules of its date, with the answers so far.' })
  judgments!: CriterionJudgmentType[];
  @Field(() => Boolean, { description: 'Answered on every criterion.' }) judged!: boolean;
}

@ObjectType('Audit', { description: 'An audit of one period’s query records: how its sample was drawn, and from what.' })
export class AuditType {
  @Field(() => ID) id!: string;
  @Field(() => String) service!: string;
  @Field(() => String, { description: 'The rule-profile version the audit applies.' }) ruleVersionId!: string;
  @Field(() => Boolean, {
    description:
      'False when the rule profiles do not know ruleVersionId (a row written before the check on it): the audit is still listed, as evidence, but its checklist and sign-off chain cannot be read (empty checklist; only the signatures on record) and it cannot be reviewed or signed (UNKNOWN_RULE_VERSION).',
  })
  ruleVersionKnown!: boolean;
  @Field(() => AuditMethod) method!: AuditMethod;
  @Field(() => AppliedSamplingRuleType, { nullable: true, description: 'Null for a full review.' }) samplingRule!: AppliedSamplingRuleType | null;
  @Field(() => String, { description: 'The rule that sets how records are chosen, e.g. "Changhua 8(一)".' }) samplingCitation!: string;
  @Field(() => String) periodStart!: string;
  @Field(() => String) periodEnd!: string;
  @Field(() => ID, { nullable: true, description: 'Only this agency’s records, when set.' }) agencyId!: string | null;
  @Field(() => ID, { nullable: true, description: 'Only this unit’s records, when set.' }) unitId!: string | null;
  @Field(() => [SampleStratum]) stratifyBy!: SampleStratum[];
  @Field(() => DrawMethod, { description: 'How the sample was chosen and the population hashed.' }) drawMethod!: DrawMethod;
  @Field(() => String, { description: 'The random seed of the draw, in hex (16 digits; 32 for MD5_SORTED_IDS).' }) seed!: string;
  @Field(() => Int, { description: 'Records in the period’s population.' }) populationCount!: number;
  @Field(() => String, { description: 'SHA-256 of the population’s ids, as its draw method spells them (see DrawMethod).' })
  populationHash!: string;
  @Field(() => Int) sampleSize!: number;
  @Field(() => ID) drawnBy!: string;
  @Field(() => Date) drawnAt!: Date;
  @Field(() => String, { nullable: true, description: '附件四 上次稽核結果: how the previous audit’s findings were followed up.' }) previousResultNote!: string | null;
  @Field(() => String, { nullable: true, description: '附件四 稽核結果及建議.' }) recommendations!: string | null;
}

@ObjectType('SampleVerification', { description: 'The sample drawn again from today’s population with the stored seed.' })
export class SampleVerificationType {
  @Field(() => ID) auditId!: string;
  @Field(() => Int) populationCount!: number;
  @Field(() => String) populationHash!: string;
  @Field(() => Boolean, { description: 'The population hashes to the stored value: it is the same set of records.' }) samePopulation!: boolean;
  @Field(() => Boolean, { description: 'Drawing again gives exactly the stored sample, in the same order.' }) sameSample!: boolean;
  @Field(() => [ID], { description: 'The query records drawn now, in order.' }) redrawnRecordIds!: string[];
}

@InputType('DrawAuditSampleInput')
export class DrawAuditSampleInput {
  @Field(() => String, { description: 'First day of the period (YYYY-MM-DD).' }) periodStart!: string;
  @Field(() => String, { description: 'Last day of the period (YYYY-MM-DD).' }) periodEnd!: string;
  @Field(() => ID, { nullable: true, description: 'Audit only this agency’s records.' }) agencyId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Audit only this unit’s records.' }) unitId?: string | null;
  @Field(() => [SampleStratum], { nullable: true, description: 'Allocate the sample in proportion to units and/or items.' }) stratifyBy?: SampleStratum[] | null;
  @Field(() => String, { nullable: true, description: 'The WebIR service, when the city’s rules govern more than one.' }) service?: string | null;
}
