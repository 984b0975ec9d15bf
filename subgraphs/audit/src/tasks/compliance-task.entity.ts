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
  @Column({ type: 'date', name: 'due_on' }) dueOn!: string;
  @Column({ type: 'timestamptz', name: 'completed_at', nullable: true }) completedAt!: Date | null;
}
