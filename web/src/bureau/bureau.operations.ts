import { gql, type TypedDocumentNode } from '@apollo/client';
import { ANOMALY_RULES, AUDIT_STATES, FINDING_SEVERITIES, FINDING_STATUSES, type AuditState } from '../audit/audit.operations';

// ---- The cities' register, as a central agency sees it (bureauQueryRecords) ----

export interface CrossCityRecord {
  id: string;
  cityId: string;
  agencyId: string;
  unitId: string | null;
  itemKey: string;
  caseNumber: string;
  purpose: string;
  legalBasis: string | null;
  queriedAt: string;
}

export interface CrossCityRecordFilter {
  cityIds?: string[];
  from?: string;
  to?: string;
  agencyId?: string;
}

export interface CrossCityRecordPage {
  totalCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  nodes: CrossCityRecord[];
}

export const BUREAU_RECORDS_QUERY: TypedDocumentNode<
  { bureauQueryRecords: CrossCityRecordPage },
  { first: number; after?: string | null; filter: CrossCityRecordFilter }
> = gql`
  query BureauRecords($first: Int!, $after: String, $filter: CrossCityRecordFilter) {
    bureauQueryRecords(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        cityId
        agencyId
        unitId
        itemKey
        caseNumber
        purpose
        legalBasis
        queriedAt
      }
    }
  }
`;

// ---- Counts (queryCounts): a bureau counts its cities for its own service ----

export const COUNT_DIMENSIONS = ['CITY', 'AGENCY', 'UNIT', 'ITEM', 'PURPOSE', 'PURPOSE_CATEGORY', 'MONTH'] as const;
export type CountDimension = (typeof COUNT_DIMENSIONS)[number];

export interface QueryCountRow {
  cityId: string | null;
  agencyId: string | null;
  unitId: string | null;
  itemKey: string | null;
  purpose: string | null;
  /** SOCIAL, POLICE, … when counted by PURPOSE_CATEGORY; null also for queries whose request stated none. */
  purposeCategory: string | null;
  month: string | null;
  count: number;
}

export interface QueryCountFilter {
  cityIds?: string[];
  from?: string;
  to?: string;
  agencyId?: string;
  itemKey?: string;
}

export interface QueryCountReport {
  total: number;
  rows: QueryCountRow[];
}

const COUNT_FIELDS = `total rows { cityId agencyId unitId itemKey purpose purposeCategory month count }`;

export const QUERY_COUNTS_QUERY: TypedDocumentNode<
  { queryCounts: QueryCountReport },
  { groupBy: CountDimension[]; filter: QueryCountFilter }
> = gql`
  query BureauCounts($groupBy: [QueryCountDimension!]!, $filter: QueryCountFilter) {
    queryCounts(groupBy: $groupBy, filter: $filter) { ${COUNT_FIELDS} }
  }
`;

/** The bureau's home: four counts of the same records in one request (each read is logged by the cities). */
export const BUREAU_HOME_COUNTS_QUERY: TypedDocumentNode<
  { byCity: QueryCountReport; byMonth: QueryCountReport; byItem: QueryCountReport; byPurpose: QueryCountReport },
  { filter: QueryCountFilter }
> = gql`
  query BureauHomeCounts($filter: QueryCountFilter) {
    byCity: queryCounts(groupBy: [CITY], filter: $filter) { ${COUNT_FIELDS} }
    byMonth: queryCounts(groupBy: [MONTH], filter: $filter) { ${COUNT_FIELDS} }
    byItem: queryCounts(groupBy: [ITEM], filter: $filter) { ${COUNT_FIELDS} }
    byPurpose: queryCounts(groupBy: [PURPOSE], filter: $filter) { ${COUNT_FIELDS} }
  }
`;

// ---- The cities' names (public) ----

export interface CityName {
  id: string;
  name: string;
  nameEn: string;
}

export const CITY_NAMES_QUERY: TypedDocumentNode<{ cities: CityName[] }, Record<string, never>> = gql`
  query CityNames {
    cities {
      id
      name
      nameEn
    }
  }
`;

// ---- A city's read log: who at the central agencies read this city's records ----

export interface CrossCityRead {
  id: string;
  service: string;
  readerCityId: string;
  readerAccountId: string;
  readerAgencyId: string;
  operation: string;
  rowCount: number;
  readAt: string;
}

export const CROSS_CITY_READS_QUERY: TypedDocumentNode<
  { crossCityReads: { totalCount: number; pageInfo: { endCursor: string | null; hasNextPage: boolean }; nodes: CrossCityRead[] } },
  { first: number; after?: string | null }
> = gql`
  query CrossCityReads($first: Int!, $after: String) {
    crossCityReads(first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        service
        readerCityId
        readerAccountId
        readerAgencyId
        operation
        rowCount
        readAt
      }
    }
  }
`;

// ---- The cities' audits and findings of the bureau's service (audit subgraph) ----

// The same enums as the city's audit pages: one list each, so a new rule or state is added once.
export { ANOMALY_RULES, AUDIT_STATES, FINDING_SEVERITIES, FINDING_STATUSES, type AuditState };

interface Paged<Node> {
  totalCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  nodes: Node[];
}

export interface BureauAudit {
  id: string;
  cityId: string;
  service: string;
  ruleVersionId: string;
  method: string;
  samplingCitation: string;
  periodStart: string;
  periodEnd: string;
  agencyId: string | null;
  unitId: string | null;
  populationCount: number;
  sampleSize: number;
  drawnAt: string;
  state: AuditState;
  judgedRecords: number;
  checklistAnswered: number;
  signatures: number;
  recommendations: string | null;
}

export interface BureauSampledRecord {
  position: number;
  queryRecordId: string;
  queriedAt: string;
  agencyId: string;
  unitId: string | null;
  itemKey: string;
  nonconforming: number;
}

export interface BureauAuditFilter {
  cityIds?: string[];
  periodFrom?: string;
  periodTo?: string;
  states?: AuditState[];
}

const BUREAU_AUDIT_FIELDS = `
  id cityId service ruleVersionId method samplingCitation periodStart periodEnd agencyId unitId
  populationCount sampleSize drawnAt state judgedRecords checklistAnswered signatures recommendations
`;

/** The list: no samples (a page of audits with their samples counts against the gateway's row budget). */
export const BUREAU_AUDITS_QUERY: TypedDocumentNode<{ bureauAudits: Paged<BureauAudit> }, { first: number; after?: string | null; filter: BureauAuditFilter }> = gql`
  query BureauAudits($first: Int!, $after: String, $filter: BureauAuditFilter) {
    bureauAudits(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { endCursor hasNextPage }
      nodes { ${BUREAU_AUDIT_FIELDS} }
    }
  }
`;

/** One audit, looked up by its city and id (null when it is not of the bureau's cities or service), with a page of its sample. */
export const BUREAU_AUDIT_QUERY: TypedDocumentNode<
  { bureauAudit: (BureauAudit & { sample: BureauSampledRecord[] }) | null },
  { cityId: string; id: string; sampleSize: number; afterPosition?: number | null }
> = gql`
  query BureauAudit($cityId: ID!, $id: ID!, $sampleSize: Int!, $afterPosition: Int) {
    bureauAudit(cityId: $cityId, id: $id) {
      ${BUREAU_AUDIT_FIELDS}
      sample(first: $sampleSize, afterPosition: $afterPosition) { position queryRecordId queriedAt agencyId unitId itemKey nonconforming }
    }
  }
`;

export interface BureauFinding {
  id: string;
  cityId: string;
  service: string;
  /** Null for a rule the platform does not know; `ruleId` is the id as stored. */
  rule: string | null;
  ruleId: string;
  severity: string;
  status: string;
  agencyId: string | null;
  windowStart: string;
  windowEnd: string;
  recordCount: number;
  summary: string;
  ruleVersionId: string;
  citation: string;
  detectedAt: string;
}

export interface BureauFindingFilter {
  cityIds?: string[];
  from?: string;
  to?: string;
  severities?: string[];
  statuses?: string[];
  rule?: string;
}

export const BUREAU_FINDINGS_QUERY: TypedDocumentNode<{ bureauFindings: Paged<BureauFinding> }, { first: number; after?: string | null; filter: BureauFindingFilter }> = gql`
  query BureauFindings($first: Int!, $after: String, $filter: BureauFindingFilter) {
    bureauFindings(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { endCursor hasNextPage }
      nodes { id cityId service rule ruleId severity status agencyId windowStart windowEnd recordCount summary ruleVersionId citation detectedAt }
    }
  }
`;

// ---- Audit requests: the bureau asks a city to audit (requestBureauAudit) ----

export interface BureauAuditRequest {
  id: string;
  cityId: string;
  service: string;
  periodStart: string;
  periodEnd: string;
  agencyId: string | null;
  reason: string;
  dueOn: string;
  requestedAt: string;
  taskId: string | null;
  taskState: string | null;
  completedAt: string | null;
  completionNote: string | null;
}

const AUDIT_REQUEST_FIELDS = `id cityId service periodStart periodEnd agencyId reason dueOn requestedAt taskId taskState completedAt completionNote`;

export const BUREAU_AUDIT_REQUESTS_QUERY: TypedDocumentNode<{ bureauAuditRequests: Paged<BureauAuditRequest> }, { first: number; after?: string | null; filter: { cityIds?: string[] } }> = gql`
  query BureauAuditRequests($first: Int!, $after: String, $filter: BureauAuditRequestFilter) {
    bureauAuditRequests(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { endCursor hasNextPage }
      nodes { ${AUDIT_REQUEST_FIELDS} }
    }
  }
`;

export interface RequestBureauAuditInput {
  cityId: string;
  periodStart: string;
  periodEnd: string;
  reason: string;
  dueOn?: string | null;
}

export const REQUEST_BUREAU_AUDIT_MUTATION: TypedDocumentNode<{ requestBureauAudit: BureauAuditRequest }, { input: RequestBureauAuditInput }> = gql`
  mutation RequestBureauAudit($input: RequestBureauAuditInput!) {
    requestBureauAudit(input: $input) { ${AUDIT_REQUEST_FIELDS} }
  }
`;

// ---- Applications awaiting the bureau's own step (Taoyuan 附表三, 6(二)) ----

export interface BureauApplication {
  id: string;
  cityId: string;
  service: string;
  kind: string;
  operation: string;
  status: string;
  agencyId: string;
  /** Null when identity's directory does not hold the agency: the console shows its short id. */
  agencyName: string | null;
  agencyNameEn: string | null;
  itemsToAdd: string[];
  itemsToRemove: string[];
  /** agency-items: the business item the items are for, registered in the city's register or proposed with the application. */
  businessItem: BureauBusinessItem | null;
  /** A legal basis stated without a business item (agency admin applications). */
  legalBasis: BureauLegalBasis | null;
  reason: string;
  formNumber: string | null;
  submittedAt: string;
  currentStep: number;
  stepTitleZh: string | null;
  stepCitation: string | null;
}

export interface BureauLegalBasis {
  registered: boolean;
  kind: string;
  category: string;
  laws: string | null;
  purpose: string;
  citation: string | null;
}

export interface BureauBusinessItem {
  registered: boolean;
  name: string;
  purpose: string;
  legalBasis: BureauLegalBasis | null;
}

const BUREAU_LEGAL_BASIS_FIELDS = `registered kind category laws purpose citation`;
const BUREAU_APPLICATION_FIELDS = `id cityId service kind operation status agencyId agencyName agencyNameEn itemsToAdd itemsToRemove reason formNumber submittedAt currentStep stepTitleZh stepCitation
  businessItem { registered name purpose legalBasis { ${BUREAU_LEGAL_BASIS_FIELDS} } }
  legalBasis { ${BUREAU_LEGAL_BASIS_FIELDS} }`;

export const BUREAU_APPLICATIONS_QUERY: TypedDocumentNode<{ bureauApplications: Paged<BureauApplication> }, { first: number; after?: string | null; filter: { cityIds?: string[] } }> = gql`
  query BureauApplications($first: Int!, $after: String, $filter: BureauApplicationFilter) {
    bureauApplications(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { endCursor hasNextPage }
      nodes { ${BUREAU_APPLICATION_FIELDS} }
    }
  }
`;

export const RECORD_BUREAU_DECISION_MUTATION: TypedDocumentNode<
  { recordBureauDecision: BureauApplication },
  { input: { cityId: string; applicationId: string; decision: 'APPROVE' | 'REJECT'; comment?: string | null; step: number } }
> = gql`
  mutation RecordBureauDecision($input: BureauDecisionInput!) {
    recordBureauDecision(input: $input) { ${BUREAU_APPLICATION_FIELDS} }
  }
`;

// ---- A city's read logs of its audit records and applications (siblings of crossCityReads) ----

export const AUDIT_CROSS_CITY_READS_QUERY: TypedDocumentNode<{ reads: Paged<CrossCityRead> }, { first: number; after?: string | null }> = gql`
  query AuditCrossCityReads($first: Int!, $after: String) {
    reads: auditCrossCityReads(first: $first, after: $after) {
      totalCount
      pageInfo { endCursor hasNextPage }
      nodes { id service readerCityId readerAccountId readerAgencyId operation rowCount readAt }
    }
  }
`;

export const APPLICATION_CROSS_CITY_READS_QUERY: TypedDocumentNode<{ reads: Paged<CrossCityRead> }, { first: number; after?: string | null }> = gql`
  query ApplicationCrossCityReads($first: Int!, $after: String) {
    reads: applicationCrossCityReads(first: $first, after: $after) {
      totalCount
      pageInfo { endCursor hasNextPage }
      nodes { id service readerCityId readerAccountId readerAgencyId operation rowCount readAt }
    }
  }
`;
