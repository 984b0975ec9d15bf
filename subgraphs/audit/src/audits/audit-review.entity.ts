import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How one sampled record fares on one criterion. */
@Entity({ schema: 'audit', name: 'sample_judgment' })
export class SampleJudgmentEntity {
  @PrimaryColumn({ type: 'uuid', name: 'audit_id' }) auditId!: string;
  @PrimaryColumn({ type: 'integer' }) position!: number;
  @PrimaryColumn({ type: 'text' }) criterion!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'text' }) result!: string;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'uuid', name: 'judged_by' }) judgedBy!: string;
  @Column({ type: 'timestamptz', name: 'judged_at' }) judgedAt!: Date;
}

/** One checklist item of the city's audit form answered for an audit (Tainan 附件四: 符合/不符). */
@Entity({ schema: 'audit', name: 'checklist_result' })
export class ChecklistResultEntity {
  @PrimaryColumn({ type: 'uuid', name: 'audit_id' }) auditId!: string;
  @PrimaryColumn({ type: 'text', name: 'item_id' }) itemId!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'text' }) result!: string;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'uuid', name: 'recorded_by' }) recordedBy!: string;
  @Column({ type: 'timestamptz', name: 'recorded_at' }) recordedAt!: Date;
}

/** A signature on an audit, one step of the chain. */
@Entity({ schema: 'audit', name: 'audit_signoff' })
export class AuditSignoffEntity {
  @PrimaryColumn({ type: 'uuid', name: 'audit_id' }) auditId!: string;
  @PrimaryColumn({ type: 'integer' }) step!: number;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'text' }) role!: string;
  @Column({ type: 'uuid', name: 'account_id' }) accountId!: string;
  /** The signer's agency: the heads who sign after the auditor are the audited agency's, or the auditor's. */
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'timestamptz', name: 'signed_at' }) signedAt!: Date;
}
