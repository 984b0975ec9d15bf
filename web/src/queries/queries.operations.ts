import type { PurposeCategory } from './purpose-category';
import { gql, type TypedDocumentNode } from '@apollo/client';
import type { SubjectKind } from './identifiers';

export interface AccountRef {
  id: string;
  username: string;
  person: { displayName: string };
}

const ACCOUNT_FIELDS = gql`
  fragment QueriesAccountFields on Account {
    id
    username
    person {
      displayName
    }
  }
`;

export type QueryRequestStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'EXPIRED';

export interface QueryRequest {
  id: string;
  requester: AccountRef;
  caseNumber: string;
  purpose: string;
  purposeCategory: PurposeCategory | null;
  service: string;
  itemKeys: string[];
  subjectKind: SubjectKind;
  subjectMasked: string;
  legalBasis: string | null;
  consentDocument: string | null;
  consentSignedOn: string | null;
  proxy: { onBehalfOf: AccountRef; documentNumber: string | null; authorisedOn: string | null } | null;
  preApprovalRequired: boolean;
  status: QueryRequestStatus;
  decision: { decision: string; decidedBy: AccountRef; decidedAt: string; expiresAt: string | null; note: string | null } | null;
  createdAt: string;
}

export interface Connection<Node> {
  totalCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  nodes: Node[];
}

const QUERY_REQUEST_FIELDS = gql`
  fragment QueryRequestFields on QueryRequest {
    id
    requester {
      ...QueriesAccountFields
    }
    caseNumber
    purpose
    purposeCategory
    service
    itemKeys
    subjectKind
    subjectMasked
    legalBasis
    consentDocument
    consentSignedOn
    proxy {
      onBehalfOf {
        ...QueriesAccountFields
      }
      documentNumber
      authorisedOn
    }
    preApprovalRequired
    status
    decision {
      decision
      decidedBy {
        ...QueriesAccountFields
      }
      decidedAt
      expiresAt
      note
    }
    createdAt
  }
  ${ACCOUNT_FIELDS}
`;

type PageVariables = { first: number; after?: string | null };

export const MY_QUERY_REQUESTS_QUERY: TypedDocumentNode<{ myQueryRequests: Connection<QueryRequest> }, PageVariables> = gql`
  query MyQueryRequests($first: Int!, $after: String) {
    myQueryRequests(first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        ...QueryRequestFields
      }
    }
  }
  ${QUERY_REQUEST_FIELDS}
`;

export const AWAITING_DECISION_QUERY: TypedDocumentNode<{ queryRequestsAwaitingMyDecision: Connection<QueryRequest> }, PageVariables> = gql`
  query QueryRequestsAwaitingMyDecision($first: Int!, $after: String) {
    queryRequestsAwaitingMyDecision(first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        ...QueryRequestFields
      }
    }
  }
  ${QUERY_REQUEST_FIELDS}
`;

export interface CreateQueryRequestInput {
  caseNumber: string;
  purpose: string;
  /** Optional in the API (requests from before it count under none); the console always asks for it. */
  purposeCategory?: PurposeCategory | null;
  itemKeys: string[];
  subjectKind: SubjectKind;
  subject: string;
  legalBasis?: string | null;
  consent?: { documentReference: string; signedOn: string } | null;
  proxy?: { onBehalfOfAccountId: string; documentNumber?: string | null; authorisedOn?: string | null } | null;
}

export const CREATE_QUERY_REQUEST_MUTATION: TypedDocumentNode<{ createQueryRequest: QueryRequest }, { input: CreateQueryRequestInput }> = gql`
  mutation CreateQueryRequest($input: CreateQueryRequestInput!) {
    createQueryRequest(input: $input) {
      ...QueryRequestFields
    }
  }
  ${QUERY_REQUEST_FIELDS}
`;

export const APPROVE_QUERY_REQUEST_MUTATION: TypedDocumentNode<{ approveQueryRequest: QueryRequest }, { id: string; note?: string | null }> = gql`
  mutation ApproveQueryRequest($id: ID!, $note: String) {
    approveQueryRequest(id: $id, note: $note) {
      ...QueryRequestFields
    }
  }
  ${QUERY_REQUEST_FIELDS}
`;

export const REJECT_QUERY_REQUEST_MUTATION: TypedDocumentNode<{ rejectQueryRequest: QueryRequest }, { id: string; reason: string }> = gql`
  mutation RejectQueryRequest($id: ID!, $reason: String!) {
    rejectQueryRequest(id: $id, reason: $reason) {
      ...QueryRequestFields
    }
  }
  ${QUERY_REQUEST_FIELDS}
`;

export interface RegisterRecord {
  id: string;
  sequence: string;
  account: AccountRef | null;
  itemKey: string;
  caseNumber: string;
  purpose: string;
  subjectMasked: string;
  legalBasis: string | null;
  consentDocument: string | null;
  proxyFor: AccountRef | null;
  queriedAt: string;
  recordedAt: string;
}

const REGISTER_RECORD_FIELDS = gql`
  fragment RegisterRecordFields on QueryRecord {
    id
    sequence
    account {
      ...QueriesAccountFields
    }
    itemKey
    caseNumber
    purpose
    subjectMasked
    legalBasis
    consentDocument
    proxyFor {
      ...QueriesAccountFields
    }
    queriedAt
    recordedAt
  }
  ${ACCOUNT_FIELDS}
`;

export const RECORD_QUERY_MUTATION: TypedDocumentNode<
  { recordQuery: RegisterRecord },
  { input: { requestId: string; itemKey: string; queriedAt?: string | null } }
> = gql`
  mutation RecordQuery($input: RecordQueryInput!) {
    recordQuery(input: $input) {
      ...RegisterRecordFields
    }
  }
  ${REGISTER_RECORD_FIELDS}
`;

export type RegisterScope = 'OWN' | 'UNIT' | 'AGENCY';

export interface RegisterFilter {
  from?: string | null;
  to?: string | null;
  accountId?: string | null;
  itemKey?: string | null;
  caseNumber?: string | null;
  subjectKind?: SubjectKind | null;
  subject?: string | null;
}

export const QUERY_REGISTER_QUERY: TypedDocumentNode<
  { queryRegister: Connection<RegisterRecord> },
  { scope: RegisterScope; filter: RegisterFilter; first: number; after?: string | null }
> = gql`
  query QueryRegister($scope: RegisterScope!, $filter: RegisterFilterInput, $first: Int!, $after: String) {
    queryRegister(scope: $scope, filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        ...RegisterRecordFields
      }
    }
  }
  ${REGISTER_RECORD_FIELDS}
`;

export const QUERY_REGISTER_CSV_QUERY: TypedDocumentNode<
  { queryRegisterCsv: { fileName: string; rowCount: number; csv: string } },
  { scope: RegisterScope; filter: RegisterFilter }
> = gql`
  query QueryRegisterCsv($scope: RegisterScope!, $filter: RegisterFilterInput) {
    queryRegisterCsv(scope: $scope, filter: $filter) {
      fileName
      rowCount
      csv
    }
  }
`;

/** The people a unit or agency admin may filter the register by. */
export const REGISTER_ACCOUNTS_QUERY: TypedDocumentNode<{ accounts: Connection<AccountRef> }, { first: number }> = gql`
  query RegisterAccounts($first: Int!) {
    accounts(first: $first) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        ...QueriesAccountFields
      }
    }
  }
  ${ACCOUNT_FIELDS}
`;

export interface BureauImportJob {
  id: string;
  fileName: string;
  status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  phase: string;
  progress: number | null;
  totalBytes: number | null;
  bytesRead: number;
  rowsRead: number;
  rowsInserted: number;
  rowsDuplicate: number;
  rowsUnknownAccount: number;
  errors: Array<{ line: number | null; field: string | null; message: string }>;
  startedBy: AccountRef | null;
  createdAt: string;
  finishedAt: string | null;
}

const IMPORT_JOB_FIELDS = gql`
  fragment BureauImportJobFields on BureauImportJob {
    id
    fileName
    status
    phase
    progress
    totalBytes
    bytesRead
    rowsRead
    rowsInserted
    rowsDuplicate
    rowsUnknownAccount
    errors {
      line
      field
      message
    }
    startedBy {
      ...QueriesAccountFields
    }
    createdAt
    finishedAt
  }
  ${ACCOUNT_FIELDS}
`;

export const IMPORT_BUREAU_RECORDS_MUTATION: TypedDocumentNode<{ importBureauRecords: BureauImportJob }, { fileName: string; csv: string }> = gql`
  mutation ImportBureauRecords($fileName: String!, $csv: String!) {
    importBureauRecords(fileName: $fileName, csv: $csv) {
      ...BureauImportJobFields
    }
  }
  ${IMPORT_JOB_FIELDS}
`;

export const BUREAU_IMPORT_JOB_QUERY: TypedDocumentNode<{ bureauImportJob: BureauImportJob | null }, { id: string }> = gql`
  query BureauImportJob($id: ID!) {
    bureauImportJob(id: $id) {
      ...BureauImportJobFields
    }
  }
  ${IMPORT_JOB_FIELDS}
`;

export const BUREAU_IMPORT_JOBS_QUERY: TypedDocumentNode<{ bureauImportJobs: BureauImportJob[] }, { first: number }> = gql`
  query BureauImportJobs($first: Int!) {
    bureauImportJobs(first: $first) {
      ...BureauImportJobFields
    }
  }
  ${IMPORT_JOB_FIELDS}
`;

export type ReconciliationItemKind = 'MATCHED' | 'BUREAU_ONLY' | 'REGISTER_ONLY';

export interface ReconciliationCounts {
  registerCount: number;
  bureauCount: number;
  matchedCount: number;
  bureauOnlyCount: number;
  registerOnlyCount: number;
}

export interface ReconciliationRun extends ReconciliationCounts {
  id: string;
  agencyId: string;
  month: string;
  createdBy: AccountRef | null;
  createdAt: string;
  groups: Array<ReconciliationCounts & { unitId: string | null; account: AccountRef | null; userAccount: string | null }>;
  signOffs: Array<{ id: string; unitId: string | null; signedBy: AccountRef | null; signedAt: string; note: string | null }>;
}

const RECONCILIATION_RUN_FIELDS = gql`
  fragment ReconciliationRunFields on ReconciliationRun {
    id
    agencyId
    month
    createdBy {
      ...QueriesAccountFields
    }
    createdAt
    registerCount
    bureauCount
    matchedCount
    bureauOnlyCount
    registerOnlyCount
    groups {
      unitId
      account {
        ...QueriesAccountFields
      }
      userAccount
      registerCount
      bureauCount
      matchedCount
      bureauOnlyCount
      registerOnlyCount
    }
    signOffs {
      id
      unitId
      signedBy {
        ...QueriesAccountFields
      }
      signedAt
      note
    }
  }
  ${ACCOUNT_FIELDS}
`;

export const RECONCILIATION_RUNS_QUERY: TypedDocumentNode<{ reconciliationRuns: ReconciliationRun[] }, { month?: string | null; first: number }> = gql`
  query ReconciliationRuns($month: String, $first: Int!) {
    reconciliationRuns(month: $month, first: $first) {
      ...ReconciliationRunFields
    }
  }
  ${RECONCILIATION_RUN_FIELDS}
`;

export const RECONCILE_MONTH_MUTATION: TypedDocumentNode<{ reconcileMonth: ReconciliationRun }, { month: string }> = gql`
  mutation ReconcileMonth($month: String!) {
    reconcileMonth(month: $month) {
      ...ReconciliationRunFields
    }
  }
  ${RECONCILIATION_RUN_FIELDS}
`;

export const SIGN_OFF_RECONCILIATION_MUTATION: TypedDocumentNode<
  { signOffReconciliation: { id: string } },
  { runId: string; unitId?: string | null; note?: string | null }
> = gql`
  mutation SignOffReconciliation($runId: ID!, $unitId: ID, $note: String) {
    signOffReconciliation(runId: $runId, unitId: $unitId, note: $note) {
      id
    }
  }
`;

export interface ReconciliationItem {
  kind: ReconciliationItemKind;
  unitId: string | null;
  account: AccountRef | null;
  userAccount: string | null;
  registerRecordId: string | null;
  bureauRecordId: string | null;
  service: string;
  itemCode: string;
  subjectMasked: string;
  queriedAt: string;
  bureauQueriedAt: string | null;
}

export const RECONCILIATION_ITEMS_QUERY: TypedDocumentNode<
  { reconciliationRun: { id: string; items: { pageInfo: { endCursor: string | null; hasNextPage: boolean }; nodes: ReconciliationItem[] } } | null },
  { runId: string; kind: ReconciliationItemKind; first: number; after?: string | null }
> = gql`
  query ReconciliationItems($runId: ID!, $kind: ReconciliationItemKind!, $first: Int!, $after: String) {
    reconciliationRun(id: $runId) {
      id
      items(kind: $kind, first: $first, after: $after) {
        pageInfo {
          endCursor
          hasNextPage
        }
        nodes {
          kind
          unitId
          account {
            ...QueriesAccountFields
          }
          userAccount
          registerRecordId
          bureauRecordId
          service
          itemCode
          subjectMasked
          queriedAt
          bureauQueriedAt
        }
      }
    }
  }
  ${ACCOUNT_FIELDS}
`;

/** The signed-in account's unit, for signing off its reconciliation. */
export const MY_UNIT_QUERY: TypedDocumentNode<
  { me: { id: string; unitId: string | null; agency: { id: string; units: Array<{ id: string; name: string; nameEn: string | null }> } } | null },
  Record<string, never>
> = gql`
  query MyUnit {
    me {
      id
      unitId
      agency {
        id
        units {
          id
          name
          nameEn
        }
      }
    }
  }
`;
