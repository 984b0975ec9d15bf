import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'audit', name: 'compliance_task' })
export class ComplianceTaskEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'text', name: 'obligation_id' }) obligationId!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) citation!: string;
  @Column({ type: 'text', name: 'owner_role' }) ownerRole!: string;
  @Column({ type: 'uuid', name: 'agency_id', nullable: true }) agencyId!: string | null;
  @Column({ type: 'date', name: 'period_start' }) periodStart!: string;
  @Column({ type: 'date', name: 'period_end', nullable: true }) periodEnd!: string | null;
  @Column({ type: 'date', name: 'due_on' }) dueOn!: string;
  @Column({ type: 'text', nullable: true }) service!: string | null;
  @Column({ type: 'text', name: 'rule_version_id', nullable: true }) ruleVersionId!: string | null;
  @Column({ type: 'text', nullable: true }) kind!: string | null;
  @Column({ type: 'text', nullable: true }) cadence!: string | null;
  @Column({ type: 'uuid', name: 'event_id', nullable: true }) eventId!: string | null;
  @Column({ type: 'timestamptz', name: 'completed_at', nullable: true }) completedAt!: Date | null;
  @Column({ type: 'uuid', name: 'completed_by', nullable: true }) completedBy!: string | null;
  @Column({ type: 'text', name: 'completion_note', nullable: true }) completionNote!: string | null;
  /** Issue 9: the bureau's audit request this task answers. */
  @Column({ type: 'uuid', name: 'bureau_request_id', nullable: true }) bureauRequestId!: string | null;
}
