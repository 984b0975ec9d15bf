import { gql, type TypedDocumentNode } from '@apollo/client';

export interface AccountRow {
  id: string;
  username: string;
  roles: string[];
  status: string;
  lastLoginAt: string | null;
  isVendorStaff: boolean;
  person: { id: string; displayName: string };
  agency: { id: string; name: string; nameEn: string | null };
  grants: Array<{ id: string }>;
}

export interface AccountPage {
  totalCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  nodes: AccountRow[];
}

export { ACCOUNT_LIST_ROLES } from '../shell/roles';

export const ACCOUNTS_QUERY: TypedDocumentNode<{ accounts: AccountPage }, { first: number; after?: string | null }> = gql`
  query Accounts($first: Int!, $after: String) {
    accounts(first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        username
        roles
        status
        lastLoginAt
        isVendorStaff
        person {
          id
          displayName
        }
        agency {
          id
          name
          nameEn
        }
        grants {
          id
        }
      }
    }
  }
`;

/** Only the number, for the home page. */
export const ACCOUNT_COUNT_QUERY: TypedDocumentNode<{ accounts: { totalCount: number } }, Record<string, never>> = gql`
  query AccountCount {
    accounts(first: 1) {
      totalCount
    }
  }
`;

// ---- The agency tree ----

export interface AgencyNode {
  id: string;
  name: string;
  nameEn: string | null;
  kind: string;
  parentId: string | null;
  commissioningAgencyId: string | null;
  units: Array<{ id: string; name: string; nameEn: string | null }>;
}

export const AGENCIES_QUERY: TypedDocumentNode<{ agencies: AgencyNode[] }, Record<string, never>> = gql`
  query Agencies {
    agencies {
      id
      name
      nameEn
      kind
      parentId
      commissioningAgencyId
      units {
        id
        name
        nameEn
      }
    }
  }
`;

// ---- The annual account review ----

export interface ReviewAccount {
  id: string;
  username: string;
  status: string;
  roles: string[];
  person: { id: string; displayName: string };
  agency: { id: string; name: string; nameEn: string | null };
}

export interface AccountReviewRow {
  id: string;
  accountId: string;
  findings: string[];
  lastActivityAt: string;
  otherAccountUsernames: string[];
  leftOn: string | null;
  decision: 'KEEP' | 'REVOKE' | null;
  decisionReason: string | null;
  decidedAt: string | null;
  account: ReviewAccount | null;
  decidedByAccount: { id: string; username: string } | null;
}

export interface AccountReviewSummary {
  id: string;
  agencyId: string | null;
  reason: string;
  status: 'OPEN' | 'COMPLETED';
  startedAt: string;
  completedAt: string | null;
  retainUntil: string;
  rows: Array<{ id: string; decision: string | null }>;
  startedByAccount: { id: string; username: string } | null;
}

export interface AccountReviewDetail extends Omit<AccountReviewSummary, 'rows'> {
  checks: string[];
  checksCitation: string;
  idleDays: number;
  idleCitation: string;
  retentionCitation: string;
  rows: AccountReviewRow[];
}

const REVIEW_SUMMARY_FIELDS = `
  id agencyId reason status startedAt completedAt retainUntil
  startedByAccount { id username }
`;

const REVIEW_DETAIL_FIELDS = `
  ${REVIEW_SUMMARY_FIELDS}
  checks checksCitation idleDays idleCitation retentionCitation
  rows {
    id accountId findings lastActivityAt otherAccountUsernames leftOn decision decisionReason decidedAt
    account { id username status roles person { id displayName } agency { id name nameEn } }
    decidedByAccount { id username }
  }
`;

export const ACCOUNT_REVIEWS_QUERY: TypedDocumentNode<
  { accountReviews: { nodes: AccountReviewSummary[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } },
  { first: number; after?: string | null }
> = gql`
  query AccountReviews($first: Int!, $after: String) {
    accountReviews(first: $first, after: $after) {
      nodes { ${REVIEW_SUMMARY_FIELDS} rows { id decision } }
      pageInfo { endCursor hasNextPage }
    }
  }
`;

export const ACCOUNT_REVIEW_QUERY: TypedDocumentNode<{ accountReview: AccountReviewDetail | null }, { id: string }> = gql`
  query AccountReview($id: ID!) {
    accountReview(id: $id) { ${REVIEW_DETAIL_FIELDS} }
  }
`;

export const START_REVIEW_MUTATION: TypedDocumentNode<{ startAccountReview: AccountReviewDetail }, { reason: string }> = gql`
  mutation StartAccountReview($reason: String!) {
    startAccountReview(input: { reason: $reason }) { ${REVIEW_DETAIL_FIELDS} }
  }
`;

export const DECIDE_ROW_MUTATION: TypedDocumentNode<
  { decideAccountReviewRow: { id: string; decision: string | null; decisionReason: string | null; decidedAt: string | null } },
  { input: { rowId: string; decision: 'KEEP' | 'REVOKE'; reason: string } }
> = gql`
  mutation DecideAccountReviewRow($input: AccountReviewDecisionInput!) {
    decideAccountReviewRow(input: $input) { id decision decisionReason decidedAt }
  }
`;

export const COMPLETE_REVIEW_MUTATION: TypedDocumentNode<{ completeAccountReview: AccountReviewDetail }, { reviewId: string }> = gql`
  mutation CompleteAccountReview($reviewId: ID!) {
    completeAccountReview(reviewId: $reviewId) { ${REVIEW_DETAIL_FIELDS} }
  }
`;

// ---- Admin handovers ----

export interface AdminHandover {
  id: string;
  agencyId: string;
  roles: string[];
  moveOn: string;
  reason: string;
  recordedAt: string;
  incomingActiveAt: string;
  outgoingStoppedAt: string | null;
  late: boolean;
  citation: string;
  handedOver: Array<{ kind: string; description: string; count: number; reference: string | null }>;
  roster: Array<{ accountId: string; username: string; displayName: string; roles: string[]; status: string }>;
  bureauNotice: { obligationId: string; citation: string; dueOn: string; state: 'OPEN' | 'OVERDUE' | 'DONE'; notifiedOn: string | null; reference: string | null } | null;
  outgoing: { id: string; username: string; person: { displayName: string } } | null;
  incoming: { id: string; username: string; person: { displayName: string } } | null;
}

const HANDOVER_FIELDS = `
  id agencyId roles moveOn reason recordedAt incomingActiveAt outgoingStoppedAt late citation
  handedOver { kind description count reference }
  roster { accountId username displayName roles status }
  bureauNotice { obligationId citation dueOn state notifiedOn reference }
  outgoing { id username person { displayName } }
  incoming { id username person { displayName } }
`;

export const ADMIN_HANDOVERS_QUERY: TypedDocumentNode<
  { adminHandovers: { nodes: AdminHandover[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } },
  { first: number; after?: string | null }
> = gql`
  query AdminHandovers($first: Int!, $after: String) {
    adminHandovers(first: $first, after: $after) {
      nodes { ${HANDOVER_FIELDS} }
      pageInfo { endCursor hasNextPage }
    }
  }
`;

export const RECORD_HANDOVER_MUTATION: TypedDocumentNode<
  { recordAdminHandover: AdminHandover },
  { input: { outgoingAccountId: string; incomingAccountId: string; moveOn: string; reason: string } }
> = gql`
  mutation RecordAdminHandover($input: AdminHandoverInput!) {
    recordAdminHandover(input: $input) { ${HANDOVER_FIELDS} }
  }
`;

export const RECORD_BUREAU_NOTIFIED_MUTATION: TypedDocumentNode<
  { recordBureauNotified: AdminHandover },
  { input: { handoverId: string; notifiedOn: string; reference: string } }
> = gql`
  mutation RecordBureauNotified($input: BureauNotifiedInput!) {
    recordBureauNotified(input: $input) { ${HANDOVER_FIELDS} }
  }
`;

/** Every account of the scope (for choosing who hands over to whom), at most 100. */
export const ACCOUNT_CHOICES_QUERY: TypedDocumentNode<
  { accounts: { nodes: Array<{ id: string; username: string; roles: string[]; status: string; agencyId: string; person: { displayName: string } }> } },
  { first: number }
> = gql`
  query AccountChoices($first: Int!) {
    accounts(first: $first) {
      nodes {
        id
        username
        roles
        status
        agencyId
        person {
          displayName
        }
      }
    }
  }
`;
