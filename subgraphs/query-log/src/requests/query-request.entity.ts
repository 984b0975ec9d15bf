import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 查詢申請: a query request (case, purpose, legal basis or consent, items, subject, proxy). Append-only. */
@Entity({ schema: 'query_log', name: 'query_request' })
export class QueryRequestEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'uuid', name: 'account_id' }) accountId!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'uuid', name: 'unit_id', nullable: true }) unitId!: string | null;
  @Column({ type: 'text', name: 'case_number' }) caseNumber!: string;
  @Column({ type: 'text' }) purpose!: string;
  @Column({ type: 'text' }) service!: string;
  @Column({ type: 'text', name: 'item_keys', array: true }) itemKeys!: string[];
  @Column({ type: 'text', name: 'subject_kind' }) subjectKind!: string;
  @Column({ type: 'text', name: 'subject_hash' }) subjectHash!: string;
  @Column({ type: 'text', name: 'subject_masked' }) subjectMasked!: string;
  @Column({ type: 'text', name: 'legal_basis', nullable: true }) legalBasis!: string | null;
  @Column({ type: 'text', name: 'consent_document', nullable: true }) consentDocument!: string | null;
  @Column({ type: 'date', name: 'consent_signed_on', nullable: true }) consentSignedOn!: string | null;
  @Column({ type: 'uuid', name: 'proxy_for_account_id', nullable: true }) proxyForAccountId!: string | null;
  @Column({ type: 'text', name: 'proxy_document_number', nullable: true }) proxyDocumentNumber!: string | null;
  @Column({ type: 'date', name: 'proxy_authorised_on', nullable: true }) proxyAuthorisedOn!: string | null;
  @Column({ type: 'text', name: 'rule_version', nullable: true }) ruleVersion!: string | null;
  @Column({ type: 'boolean', name: 'pre_approval_required' }) preApprovalRequired!: boolean;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  /** Issue 9: 社政, 警政, 交通, 衛生 or 其他, as stated with the purpose; null when not stated. */
  @Column({ type: 'text', name: 'purpose_category', nullable: true }) purposeCategory!: string | null;
  /** Mapped by the service's queries (left join); not a column. */
  decision?: QueryRequestDecisionEntity | null;
}

/** The supervisor's one decision on a request. Append-only, UNIQUE per request. */
@Entity({ schema: 'query_log', name: 'query_request_decision' })
export class QueryRequestDecisionEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'uuid', name: 'request_id' }) requestId!: string;
  @Column({ type: 'text' }) decision!: 'APPROVED' | 'REJECTED';
  @Column({ type: 'uuid', name: 'decided_by' }) decidedBy!: string;
  @Column({ type: 'timestamptz', name: 'decided_at' }) decidedAt!: Date;
  @Column({ type: 'timestamptz', name: 'expires_at', nullable: true }) expiresAt!: Date | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
}
