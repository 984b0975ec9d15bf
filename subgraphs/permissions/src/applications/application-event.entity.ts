import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ApplicationEventKind = 'SUBMITTED' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN';

/** One entry of an application's timeline: who did what, when, with which comment. Never changed. */
@Entity({ schema: 'permissions', name: 'application_event' })
export class ApplicationEventEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'uuid', name: 'application_id' }) applicationId!: string;
  @Column({ type: 'integer' }) sequence!: number;
  @Column({ type: 'text' }) event!: ApplicationEventKind;
  /** The chain step decided (APPROVED/REJECTED); null for submission and withdrawal. */
  @Column({ type: 'integer', name: 'step_index', nullable: true }) stepIndex!: number | null;
  @Column({ type: 'text', nullable: true }) role!: string | null;
  @Column({ type: 'text', nullable: true }) action!: string | null;
  @Column({ type: 'uuid', name: 'actor_account_id' }) actorAccountId!: string;
  @Column({ type: 'uuid', name: 'actor_person_id' }) actorPersonId!: string;
  @Column({ type: 'uuid', name: 'actor_agency_id' }) actorAgencyId!: string;
  /** 'bureau' when the top admin records the bureau's decision (Taoyuan 附表三). */
  @Column({ type: 'text', name: 'on_behalf_of', nullable: true }) onBehalfOf!: string | null;
  @Column({ type: 'text', nullable: true }) comment!: string | null;
  @Column({ type: 'timestamptz', name: 'acted_at' }) actedAt!: Date;
}
