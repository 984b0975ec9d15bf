import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A finding raised by an anomaly rule over the query register. */
@Entity({ schema: 'audit', name: 'finding' })
export class FindingEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'text', name: 'rule_id' }) ruleId!: string;
  @Column({ type: 'text' }) severity!: string;
  @Column({ type: 'text' }) fingerprint!: string;
  @Column({ type: 'uuid', name: 'account_id', nullable: true }) accountId!: string | null;
  @Column({ type: 'uuid', name: 'agency_id', nullable: true }) agencyId!: string | null;
  @Column({ type: 'text', name: 'subject_key', nullable: true }) subjectKey!: string | null;
  @Column({ type: 'timestamptz', name: 'window_start' }) windowStart!: Date;
  @Column({ type: 'timestamptz', name: 'window_end' }) windowEnd!: Date;
  @Column({ type: 'integer', name: 'record_count' }) recordCount!: number;
  @Column({ type: 'uuid', name: 'record_ids', array: true }) recordIds!: string[];
  @Column({ type: 'text' }) summary!: string;
  @Column({ type: 'jsonb' }) details!: Record<string, unknown>;
  @Column({ type: 'text', name: 'rule_version_id' }) ruleVersionId!: string;
  @Column({ type: 'text' }) citation!: string;
  @Column({ type: 'uuid', name: 'scan_id' }) scanId!: string;
  @Column({ type: 'timestamptz', name: 'detected_at' }) detectedAt!: Date;
  @Column({ type: 'text' }) status!: string;
  /** Issue 9: the WebIR service whose rules raised it (null for findings of unknown rules: no bureau sees those). */
  @Column({ type: 'text', nullable: true }) service!: string | null;
}

/** The joint investigation a finding opens (Tainan 8(二), Changhua 8(二)). */
@Entity({ schema: 'audit', name: 'investigation' })
export class InvestigationEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'uuid', name: 'finding_id' }) findingId!: string;
  @Column({ type: 'text', name: 'team_roles', array: true }) teamRoles!: string[];
  @Column({ type: 'text', name: 'team_citation' }) teamCitation!: string;
  @Column({ type: 'text', name: 'rule_version_id' }) ruleVersionId!: string;
  @Column({ type: 'uuid', name: 'event_id', nullable: true }) eventId!: string | null;
  @Column({ type: 'uuid', name: 'opened_by' }) openedBy!: string;
  @Column({ type: 'timestamptz', name: 'opened_at' }) openedAt!: Date;
  @Column({ type: 'text', nullable: true }) outcome!: string | null;
  @Column({ type: 'text', array: true }) actions!: string[];
  @Column({ type: 'text', name: 'outcome_summary', nullable: true }) outcomeSummary!: string | null;
  @Column({ type: 'uuid', name: 'closed_by', nullable: true }) closedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true }) closedAt!: Date | null;
}

@Entity({ schema: 'audit', name: 'investigation_note' })
export class InvestigationNoteEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'uuid', name: 'investigation_id' }) investigationId!: string;
  @Column({ type: 'uuid', name: 'author_id' }) authorId!: string;
  @Column({ type: 'text', name: 'author_roles', array: true }) authorRoles!: string[];
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}
