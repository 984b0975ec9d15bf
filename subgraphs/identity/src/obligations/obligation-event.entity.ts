import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An event that starts event-driven obligations, with the deadline the city's rules set, kept for
 * the audit calendar (an outbox: the audit subgraph takes rows with no `deliveredAt`).
 */
@Entity({ schema: 'identity', name: 'obligation_event' })
export class ObligationEventEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  /** The rule profile's event name: 'admin-changed' or 'staff-moved-or-left'. */
  @Column({ type: 'text' }) kind!: 'admin-changed' | 'staff-moved-or-left';
  @Column({ type: 'date', name: 'occurred_on' }) occurredOn!: string;
  /** The profile obligation it starts, e.g. 'notify-bureau-of-change', with its citation and deadline. */
  @Column({ type: 'text', name: 'obligation_id', nullable: true }) obligationId!: string | null;
  @Column({ type: 'text', nullable: true }) citation!: string | null;
  @Column({ type: 'date', name: 'due_on', nullable: true }) dueOn!: string | null;
  @Column({ type: 'uuid', name: 'agency_id', nullable: true }) agencyId!: string | null;
  @Column({ type: 'text', name: 'subject_type' }) subjectType!: 'ADMIN_HANDOVER' | 'PERSON';
  @Column({ type: 'uuid', name: 'subject_id' }) subjectId!: string;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'uuid', name: 'recorded_by', nullable: true }) recordedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'recorded_at' }) recordedAt!: Date;
  @Column({ type: 'timestamptz', name: 'delivered_at', nullable: true }) deliveredAt!: Date | null;
}
