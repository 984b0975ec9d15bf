import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ReviewFinding = 'DUPLICATE' | 'IDLE' | 'MOVED' | 'DEPARTED' | 'VENDOR';
export type ReviewDecision = 'KEEP' | 'REVOKE';

/** A periodic account review (Changhua 6(一), Tainan 4(二)1), kept for the rules' retention period. */
@Entity({ schema: 'identity', name: 'account_review' })
export class AccountReviewEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  /** Null for the whole city. */
  @Column({ type: 'uuid', name: 'agency_id', nullable: true }) agencyId!: string | null;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'timestamptz', name: 'started_at' }) startedAt!: Date;
  @Column({ type: 'uuid', name: 'started_by' }) startedBy!: string;
  @Column({ type: 'text' }) status!: 'OPEN' | 'COMPLETED';
  @Column({ type: 'timestamptz', name: 'completed_at', nullable: true }) completedAt!: Date | null;
  @Column({ type: 'uuid', name: 'completed_by', nullable: true }) completedBy!: string | null;
  /** What the city's rules ask the review to look for, and where. */
  @Column({ type: 'text', array: true }) checks!: string[];
  @Column({ type: 'text', name: 'checks_citation' }) checksCitation!: string;
  @Column({ type: 'integer', name: 'idle_days' }) idleDays!: number;
  @Column({ type: 'text', name: 'idle_citation' }) idleCitation!: string;
  @Column({ type: 'date', name: 'retain_until' }) retainUntil!: string;
  @Column({ type: 'text', name: 'retention_citation' }) retentionCitation!: string;
}

export interface ReviewRowDetails {
  /** Last login, or the account's creation when it never logged in. */
  lastActivityAt: string;
  /** The person's other accounts that are not revoked. */
  otherAccounts: Array<{ accountId: string; username: string }>;
  leftOn: string | null;
}

@Entity({ schema: 'identity', name: 'account_review_row' })
export class AccountReviewRowEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'uuid', name: 'review_id' }) reviewId!: string;
  @Column({ type: 'uuid', name: 'account_id' }) accountId!: string;
  @Column({ type: 'text', array: true }) findings!: ReviewFinding[];
  @Column({ type: 'jsonb' }) details!: ReviewRowDetails;
  @Column({ type: 'text', nullable: true }) decision!: ReviewDecision | null;
  @Column({ type: 'text', name: 'decision_reason', nullable: true }) decisionReason!: string | null;
  @Column({ type: 'uuid', name: 'decided_by', nullable: true }) decidedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true }) decidedAt!: Date | null;
}
