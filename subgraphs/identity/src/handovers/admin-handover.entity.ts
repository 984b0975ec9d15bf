import type { Role } from '@custos/auth';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One entry of the user roster as it was handed over. */
export interface RosterEntry {
  accountId: string;
  username: string;
  displayName: string;
  roles: string[];
  status: string;
}

/** What was handed over (Changhua 4(四)), by the kinds the city's rules list. */
export interface HandedOverItem {
  kind: 'user-roster' | 'audit-records' | 'query-records';
  description: string;
  count: number;
  /** Where the records are, for those identity does not hold itself. */
  reference: string | null;
}

export interface HandedOver {
  items: HandedOverItem[];
  roster: RosterEntry[];
}

/** A change of admin: the new admin active before the old one is stopped, on or before the move date. */
@Entity({ schema: 'identity', name: 'admin_handover' })
export class AdminHandoverEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'uuid', name: 'outgoing_account_id' }) outgoingAccountId!: string;
  @Column({ type: 'uuid', name: 'incoming_account_id' }) incomingAccountId!: string;
  @Column({ type: 'text', array: true }) roles!: Role[];
  @Column({ type: 'date', name: 'move_on' }) moveOn!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'timestamptz', name: 'recorded_at' }) recordedAt!: Date;
  @Column({ type: 'uuid', name: 'recorded_by' }) recordedBy!: string;
  @Column({ type: 'timestamptz', name: 'incoming_active_at' }) incomingActiveAt!: Date;
  @Column({ type: 'timestamptz', name: 'outgoing_stopped_at', nullable: true }) outgoingStoppedAt!: Date | null;
  @Column({ type: 'jsonb', name: 'handed_over' }) handedOver!: HandedOver;
  @Column({ type: 'text' }) citation!: string;
  @Column({ type: 'text', name: 'bureau_notice_obligation_id', nullable: true }) bureauNoticeObligationId!: string | null;
  @Column({ type: 'text', name: 'bureau_notice_citation', nullable: true }) bureauNoticeCitation!: string | null;
  @Column({ type: 'date', name: 'bureau_notice_due_on', nullable: true }) bureauNoticeDueOn!: string | null;
  @Column({ type: 'date', name: 'bureau_notified_on', nullable: true }) bureauNotifiedOn!: string | null;
  @Column({ type: 'text', name: 'bureau_notice_reference', nullable: true }) bureauNoticeReference!: string | null;
}
