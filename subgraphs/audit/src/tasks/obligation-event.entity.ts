import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Something that happened and starts event-driven obligations (an admin change, an anomaly, an incident). */
@Entity({ schema: 'audit', name: 'obligation_event' })
export class ObligationEventEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'date', name: 'occurred_on' }) occurredOn!: string;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'uuid', name: 'recorded_by', nullable: true }) recordedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'recorded_at' }) recordedAt!: Date;
}
