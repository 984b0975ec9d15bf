import { gql, type TypedDocumentNode } from '@apollo/client';

export const AUDIT_STATES = ['DRAWN', 'IN_REVIEW', 'READY_FOR_SIGNOFF', 'SIGNING', 'SIGNED_OFF'] as const;
export type AuditState = (typeof AUDIT_STATES)[number];
export const JUDGMENT_RESULTS = ['CONFORMS', 'NONCONFORMING', 'NOT_APPLICABLE'] as const;
export type JudgmentResult = (typeof JUDGMENT_RESULTS)[number];
export const CHECKLIST_RESULTS = ['CONFORMS', 'NONCONFORMING'] as const;
export type ChecklistResult = (typeof CHECKLIST_RESULTS)[number];
export const SAMPLE_STRATA = ['UNIT', 'ITEM'] as const;
export type SampleStratum = (typeof SAMPLE_STRATA)[number];

export { AUDIT_READER_ROLES } from './audit-roles';

export interface AuditSummary {
  id: string;
  service: string;
  method: 'SAMPLE' | 'FULL_REVIEW';
  periodStart: string;
  periodEnd: string;
  populationCount: number;
  sampleSize: number;
  drawnAt: string;
  state: AuditState;
  progress: { sampleSize: number; judgedRecords: number; nonconformingRecords: number; checklistItems: number; checklistAnswered: number };
}

const AUDIT_SUMMARY_FIELDS = `
  id service method periodStart periodEnd populationCount sampleSize drawnAt state
  progress { sampleSize judgedRecords nonconformingRecords checklistItems checklistAnswered }
`;

export const AUDITS_QUERY: TypedDocumentNode<{ audits: AuditSummary[] }, Record<string, never>> = gql`
  query Audits {
    audits { ${AUDIT_SUMMARY_FIELDS} }
  }
`;

export interface CriterionJudgment {
  criterion: string;
  labelZh: string;
  labelEn: string;
  citation: string;
  required: boolean;
  result: JudgmentResult | null;
  note: string | null;
}

export interface SampledRecord {
  position: number;
  queryRecordId: string;
  sequence: string;
  queriedAt: string;
  accountId: string;
  agencyId: string;
  itemKey: string;
  stratum: string | null;
  drawKey: string;
  judged: boolean;
  judgments: CriterionJudgment[];
}

export interface ChecklistEntry {
  itemId: string;
  textZh: string;
  textEn: string;
  citation: string;
  result: ChecklistResult | null;
  note: string | null;
  previousResult: ChecklistResult | null;
  previousAuditId: string | null;
}

export interface SignoffStep {
  step: number;
  roles: string[];
  titleZh: string | null;
  citation: string;
  signedBy: string | null;
  signedAs: string | null;
  signedAt: string | null;
  note: string | null;
}

export interface AuditDetail extends AuditSummary {
  ruleVersionId: string;
  /** False when the rule profiles do not know ruleVersionId: no checklist or sign-off chain, and it cannot be signed. */
  ruleVersionKnown: boolean;
  samplingCitation: string;
  samplingRule: { period: string; unit: string; percent: number; minimum: number; maximum: number | null; allIfFewerThan: number; citation: string } | null;
  stratifyBy: SampleStratum[];
  drawMethod: 'HASH64_REGISTER_ORDER' | 'MD5_SORTED_IDS';
  seed: string;
  populationHash: string;
  drawnBy: string;
  previousResultNote: string | null;
  recommendations: string | null;
  sample: SampledRecord[];
  checklist: ChecklistEntry[];
  signoffs: SignoffStep[];
}

const SAMPLED_RECORD_FIELDS = `
  position queryRecordId sequence queriedAt accountId agencyId itemKey stratum drawKey judged
  judgments { criterion labelZh labelEn citation required result note }
`;

const CHECKLIST_FIELDS = `checklist { itemId textZh textEn citation result note previousResult previousAuditId }`;
const SIGNOFF_FIELDS = `signoffs { step roles titleZh citation signedBy signedAs signedAt note }`;

// The gateway limits each operation's cost, so the workbench reads the audit and its sample in two requests.
const AUDIT_DETAIL_FIELDS = `
  ${AUDIT_SUMMARY_FIELDS}
  ruleVersionId ruleVersionKnown samplingCitation stratifyBy drawMethod seed populationHash drawnBy previousResultNote recommendations
  samplingRule { period unit percent minimum maximum allIfFewerThan citation }
  ${CHECKLIST_FIELDS}
  ${SIGNOFF_FIELDS}
`;

export const AUDIT_QUERY: TypedDocumentNode<{ audit: Omit<AuditDetail, 'sample'> | null }, { id: string }> = gql`
  query Audit($id: ID!) {
    audit(id: $id) { ${AUDIT_DETAIL_FIELDS} }
  }
`;

/** The audit subgraph's page limit for a sample. */
export const SAMPLE_PAGE_LIMIT = 500;

/**
 * The sampled records in draw order. `first` is a variable: the gateway's cost limit multiplies a literal page size
 * into the cost, a variable it does not.
 */
export const AUDIT_SAMPLE_QUERY: TypedDocumentNode<{ audit: { id: string; sample: SampledRecord[] } | null }, { id: string; first: number }> = gql`
  query AuditSample($id: ID!, $first: Int!) {
    audit(id: $id) { id sample(first: $first) { ${SAMPLED_RECORD_FIELDS} } }
  }
`;

export interface DrawAuditInput {
  periodStart: string;
  periodEnd: string;
  stratifyBy?: SampleStratum[];
}

export const DRAW_AUDIT_MUTATION: TypedDocumentNode<{ drawAuditSample: AuditSummary }, { input: DrawAuditInput }> = gql`
  mutation DrawAuditSample($input: DrawAuditSampleInput!) {
    drawAuditSample(input: $input) { ${AUDIT_SUMMARY_FIELDS} }
  }
`;

export interface SampleVerification {
  auditId: string;
  populationCount: number;
  populationHash: string;
  samePopulation: boolean;
  sameSample: boolean;
  redrawnRecordIds: string[];
}

export const VERIFY_SAMPLE_QUERY: TypedDocumentNode<{ verifyAuditSample: SampleVerification }, { auditId: string }> = gql`
  query VerifyAuditSample($auditId: ID!) {
    verifyAuditSample(auditId: $auditId) { auditId populationCount populationHash samePopulation sameSample redrawnRecordIds }
  }
`;

export interface JudgmentInput {
  criterion: string;
  result: JudgmentResult;
  note?: string | null;
}

export const JUDGE_RECORD_MUTATION: TypedDocumentNode<
  { judgeSampledRecord: SampledRecord },
  { input: { auditId: string; position: number; judgments: JudgmentInput[] } }
> = gql`
  mutation JudgeSampledRecord($input: JudgeSampledRecordInput!) {
    judgeSampledRecord(input: $input) { ${SAMPLED_RECORD_FIELDS} }
  }
`;

export interface ChecklistAnswerInput {
  itemId: string;
  result: ChecklistResult;
  note?: string | null;
}

export const RECORD_CHECKLIST_MUTATION: TypedDocumentNode<
  { recordChecklistResults: Pick<AuditDetail, 'id' | 'state' | 'progress' | 'previousResultNote' | 'recommendations' | 'checklist'> },
  { input: { auditId: string; answers: ChecklistAnswerInput[]; previousResultNote?: string | null; recommendations?: string | null } }
> = gql`
  mutation RecordChecklistResults($input: RecordChecklistInput!) {
    recordChecklistResults(input: $input) { id state progress { sampleSize judgedRecords nonconformingRecords checklistItems checklistAnswered } previousResultNote recommendations ${CHECKLIST_FIELDS} }
  }
`;

export const SIGN_OFF_MUTATION: TypedDocumentNode<{ signOffAudit: Pick<AuditDetail, 'id' | 'state' | 'signoffs'> }, { auditId: string; note?: string | null }> = gql`
  mutation SignOffAudit($auditId: ID!, $note: String) {
    signOffAudit(auditId: $auditId, note: $note) { id state ${SIGNOFF_FIELDS} }
  }
`;

export interface BinaryFile {
  filename: string;
  contentType: string;
  base64: string;
  size: number;
  sha256: string;
}

export const AUDIT_PDF_QUERY: TypedDocumentNode<{ auditRecordPdf: BinaryFile }, { auditId: string }> = gql`
  query AuditRecordPdf($auditId: ID!) {
    auditRecordPdf(auditId: $auditId) { filename contentType base64 size sha256 }
  }
`;

export const AUDIT_ARCHIVE_QUERY: TypedDocumentNode<{ auditArchive: BinaryFile }, { auditId: string }> = gql`
  query AuditArchive($auditId: ID!) {
    auditArchive(auditId: $auditId) { filename contentType base64 size sha256 }
  }
`;

// ---- Anomalies and investigations ----

export const ANOMALY_RULES = ['OUTSIDE_OFFICE_HOURS', 'BULK_QUERIES', 'VOLUME_ABOVE_BASELINE', 'SUBJECT_MANY_USERS', 'UNREGISTERED_BUREAU_QUERY'] as const;
export type AnomalyRule = (typeof ANOMALY_RULES)[number];
export const FINDING_SEVERITIES = ['HIGH', 'MEDIUM', 'LOW'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];
export const FINDING_STATUSES = ['OPEN', 'INVESTIGATING', 'CLOSED'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export const INVESTIGATION_OUTCOMES = ['NO_MISUSE', 'MISUSE_CONFIRMED', 'INCONCLUSIVE'] as const;
export type InvestigationOutcome = (typeof INVESTIGATION_OUTCOMES)[number];

export interface InvestigationNote {
  id: string;
  authorId: string;
  authorRoles: string[];
  body: string;
  createdAt: string;
}

export interface Investigation {
  id: string;
  findingId: string;
  teamRoles: string[];
  teamTitlesZh: string[];
  teamCitation: string;
  availableActions: string[];
  openedAt: string;
  outcome: InvestigationOutcome | null;
  actions: string[];
  outcomeSummary: string | null;
  closedAt: string | null;
  notes: InvestigationNote[];
  tasks: Array<{ id: string; title: string; dueOn: string; state: string; ownerRole: string }>;
}

export interface Finding {
  id: string;
  /** Null for a rule the platform does not know; `ruleId` is the id as stored. */
  rule: AnomalyRule | null;
  ruleId: string;
  severity: FindingSeverity;
  status: FindingStatus;
  accountId: string | null;
  agencyId: string | null;
  subjectKey: string | null;
  windowStart: string;
  windowEnd: string;
  recordCount: number;
  summary: string;
  /** JSON: the figures the rule found (what the console words the summary from). */
  details: string;
  /** The account whose queries it concerns, as identity names it. */
  account: { id: string; username: string; person: { displayName: string } } | null;
  citation: string;
  detectedAt: string;
  investigation: { id: string } | null;
}

const FINDING_FIELDS = `
  id rule ruleId severity status accountId agencyId subjectKey windowStart windowEnd recordCount summary details citation detectedAt
  account { id username person { displayName } }
  investigation { id }
`;

const INVESTIGATION_FIELDS = `
  id findingId teamRoles teamTitlesZh teamCitation availableActions openedAt outcome actions outcomeSummary closedAt
  notes { id authorId authorRoles body createdAt }
  tasks { id title dueOn state ownerRole }
`;

export const FINDINGS_QUERY: TypedDocumentNode<{ findings: Finding[] }, { rule: AnomalyRule | null; status: FindingStatus | null }> = gql`
  query Findings($rule: AnomalyRule, $status: FindingStatus) {
    findings(rule: $rule, status: $status) { ${FINDING_FIELDS} }
  }
`;

/** One finding by id: what a link to `#/findings?id=…` opens, whatever the list's filters. */
export const FINDING_QUERY: TypedDocumentNode<{ finding: Finding | null }, { id: string }> = gql`
  query Finding($id: ID!) {
    finding(id: $id) { ${FINDING_FIELDS} }
  }
`;

/** What a finding rests on: the register's records, or the bureau's own record ids where nobody registered the query. */
export interface FindingEvidence {
  id: string;
  recordIds: string[];
  /** JSON: the rule's details (`bureauRecordIds` for unregistered queries). */
  details: string;
}

/** Asked for the opened finding only: up to 50 record ids each would weigh on the list. */
export const FINDING_EVIDENCE_QUERY: TypedDocumentNode<{ finding: FindingEvidence | null }, { id: string }> = gql`
  query FindingEvidence($id: ID!) {
    finding(id: $id) { id recordIds details }
  }
`;

/** The ids to show as a finding's evidence, and whose they are. */
export function evidenceOf(evidence: FindingEvidence): { kind: 'register' | 'bureau'; ids: string[] } {
  if (evidence.recordIds.length > 0) return { kind: 'register', ids: evidence.recordIds };
  let details: unknown;
  try {
    details = JSON.parse(evidence.details);
  } catch {
    details = null;
  }
  const bureau = details && typeof details === 'object' ? (details as { bureauRecordIds?: unknown }).bureauRecordIds : undefined;
  return { kind: 'bureau', ids: Array.isArray(bureau) ? bureau.filter((id): id is string => typeof id === 'string') : [] };
}

export const SCAN_MUTATION: TypedDocumentNode<
  { scanForAnomalies: { id: string; created: number; rules: AnomalyRule[]; findings: Array<{ id: string }> } },
  { from: string; to: string }
> = gql`
  mutation ScanForAnomalies($from: String!, $to: String!) {
    scanForAnomalies(from: $from, to: $to) { id created rules findings { id } }
  }
`;

export const INVESTIGATION_QUERY: TypedDocumentNode<{ investigation: Investigation | null }, { id: string }> = gql`
  query Investigation($id: ID!) {
    investigation(id: $id) { ${INVESTIGATION_FIELDS} }
  }
`;

export const OPEN_INVESTIGATION_MUTATION: TypedDocumentNode<{ openInvestigation: Investigation }, { findingId: string }> = gql`
  mutation OpenInvestigation($findingId: ID!) {
    openInvestigation(findingId: $findingId) { ${INVESTIGATION_FIELDS} }
  }
`;

export const ADD_NOTE_MUTATION: TypedDocumentNode<{ addInvestigationNote: InvestigationNote }, { investigationId: string; body: string }> = gql`
  mutation AddInvestigationNote($investigationId: ID!, $body: String!) {
    addInvestigationNote(investigationId: $investigationId, body: $body) { id authorId authorRoles body createdAt }
  }
`;

export const CLOSE_INVESTIGATION_MUTATION: TypedDocumentNode<
  { closeInvestigation: Investigation },
  { input: { investigationId: string; outcome: InvestigationOutcome; actions: string[]; summary: string } }
> = gql`
  mutation CloseInvestigation($input: CloseInvestigationInput!) {
    closeInvestigation(input: $input) { ${INVESTIGATION_FIELDS} }
  }
`;

/** The open findings, for the home page. */
export const OPEN_FINDINGS_QUERY: TypedDocumentNode<{ findings: Finding[] }, Record<string, never>> = gql`
  query HomeFindings {
    findings { ${FINDING_FIELDS} }
  }
`;
