import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SamplingRule } from '@custos/rules';
import type { DrawMethodId } from './draw-method';

export type AuditMethodValue = 'sample' | 'full-review';
export type StratumDimension = 'unit' | 'item';

/** The sampling rule as applied, with where it comes from. */
export interface AppliedSamplingRule extends SamplingRule {
  citation: string;
  source: string;
}

/** An audit of one period's query records (Changhua 8(一): half-yearly sample; Tainan 8(一): monthly spot check). */
@Entity({ schema: 'audit', name: 'audit' })
export class AuditEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'text' }) service!: string;
  @Column({ type: 'text', name: 'rule_version_id' }) ruleVersionId!: string;
  @Column({ type: 'text' }) method!: AuditMethodValue;
  @Column({ type: 'jsonb', name: 'sampling_rule', nullable: true }) samplingRule!: AppliedSamplingRule | null;
  @Column({ type: 'text', name: 'sampling_citation' }) samplingCitation!: string;
  @Column({ type: 'date', name: 'period_start' }) periodStart!: string;
  @Column({ type: 'date', name: 'period_end' }) periodEnd!: string;
  @Column({ type: 'uuid', name: 'agency_id', nullable: true }) agencyId!: string | null;
  @Column({ type: 'uuid', name: 'unit_id', nullable: true }) unitId!: string | null;
  @Column({ type: 'text', name: 'stratify_by', array: true }) stratifyBy!: StratumDimension[];
  /** How the sample was chosen and the population hashed (draw-method.ts); verified by the same method for good. */
  @Column({ type: 'text', name: 'draw_method' }) drawMethod!: DrawMethodId;
  @Column({ type: 'text' }) seed!: string;
  @Column({ type: 'integer', name: 'population_count' }) populationCount!: number;
  @Column({ type: 'text', name: 'population_hash' }) populationHash!: string;
  @Column({ type: 'integer', name: 'sample_size' }) sampleSize!: number;
  @Column({ type: 'uuid', name: 'drawn_by' }) drawnBy!: string;
  @Column({ type: 'timestamptz', name: 'drawn_at' }) drawnAt!: Date;
  /** 附件四 上次稽核結果: how the previous audit's findings were followed up. */
  @Column({ type: 'text', name: 'previous_result_note', nullable: true }) previousResultNote?: string | null;
  /** 附件四 稽核結果及建議. */
  @Column({ type: 'text', nullable: true }) recommendations?: string | null;
}
