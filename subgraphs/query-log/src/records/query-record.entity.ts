import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 查詢登記: one register entry per query of a citizen's data; a link of the city's hash chain. Append-only. */
@Entity({ schema: 'query_log', name: 'query_record' })
export class QueryRecordEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'bigint' }) sequence!: string;
  @Column({ type: 'uuid', name: 'account_id' }) accountId!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'uuid', name: 'unit_id', nullable: true }) unitId!: string | null;
  @Column({ type: 'uuid', name: 'request_id', nullable: true }) requestId!: string | null;
  @Column({ type: 'text', name: 'item_key' }) itemKey!: string;
  @Column({ type: 'text', name: 'case_number' }) caseNumber!: string;
  @Column({ type: 'text' }) purpose!: string;
  @Column({ type: 'text', name: 'subject_kind', nullable: true }) subjectKind!: string | null;
  @Column({ type: 'text', name: 'subject_hash' }) subjectHash!: string;
  @Column({ type: 'text', name: 'subject_masked' }) subjectMasked!: string;
  @Column({ type: 'text', name: 'legal_basis', nullable: true }) legalBasis!: string | null;
  @Column({ type: 'text', name: 'consent_document', nullable: true }) consentDocument!: string | null;
  @Column({ type: 'uuid', name: 'proxy_for_account_id', nullable: true }) proxyForAccountId!: string | null;
  @Column({ type: 'text', name: 'proxy_document_number', nullable: true }) proxyDocumentNumber!: string | null;
  @Column({ type: 'text', name: 'client_address', nullable: true }) clientAddress!: string | null;
  @Column({ type: 'text', name: 'decision_rule_version', nullable: true }) decisionRuleVersion!: string | null;
  @Column({ type: 'timestamptz', name: 'queried_at' }) queriedAt!: Date;
  @Column({ type: 'timestamptz', name: 'recorded_at' }) recordedAt!: Date;
  @Column({ type: 'text', name: 'previous_hash' }) previousHash!: string;
  @Column({ type: 'text', name: 'record_hash' }) recordHash!: string;
  /** Issue 9: the request's purpose category, copied for the aggregates (outside the hashed fields). */
  @Column({ type: 'text', name: 'purpose_category', nullable: true }) purposeCategory?: string | null;
}
