import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A change another subgraph must make, written in the same transaction as the decision that needs
 * it (transactional outbox). The consumer claims pending events with FOR UPDATE SKIP LOCKED, makes
 * the change idempotently (keyed by the event id) and sets processed_at in one transaction.
 */
@Entity({ schema: 'permissions', name: 'outbox_event' })
export class OutboxEventEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'text' }) topic!: string;
  /** Unique per city: the same change is never enqueued twice (e.g. "application:<id>:account-role"). */
  @Column({ type: 'text', name: 'dedupe_key' }) dedupeKey!: string;
  @Column({ type: 'jsonb' }) payload!: Record<string, unknown>;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'integer' }) attempts!: number;
  @Column({ type: 'text', name: 'last_error', nullable: true }) lastError!: string | null;
  @Column({ type: 'timestamptz', name: 'processed_at', nullable: true }) processedAt!: Date | null;
}
