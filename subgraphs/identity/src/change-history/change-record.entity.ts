import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ActorKind = 'ACCOUNT' | 'SYSTEM';

/** One change to identity data. Append-only: the application role may only insert and read. */
@Entity({ schema: 'identity', name: 'change_record' })
export class ChangeRecordEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  /** Database-assigned order of recording; the pagination key. */
  @Column({ type: 'bigint', insert: false, update: false }) position!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'timestamptz', name: 'occurred_at' }) occurredAt!: Date;
  @Column({ type: 'text', name: 'actor_kind' }) actorKind!: ActorKind;
  @Column({ type: 'uuid', name: 'actor_account_id', nullable: true }) actorAccountId!: string | null;
  @Column({ type: 'uuid', name: 'actor_person_id', nullable: true }) actorPersonId!: string | null;
  @Column({ type: 'text', name: 'client_address', nullable: true }) clientAddress!: string | null;
  @Column({ type: 'text' }) action!: string;
  @Column({ type: 'text', name: 'entity_type' }) entityType!: string;
  @Column({ type: 'uuid', name: 'entity_id' }) entityId!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'jsonb', nullable: true }) before!: Record<string, unknown> | null;
  @Column({ type: 'jsonb', nullable: true }) after!: Record<string, unknown> | null;
}
