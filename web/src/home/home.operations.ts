import { gql, type TypedDocumentNode } from '@apollo/client';

export interface InboxApplication {
  id: string;
  kind: string;
  status: string;
  submittedAt: string;
  applicant: { id: string; username: string; person: { displayName: string } };
}

export const APPLICATION_INBOX_QUERY: TypedDocumentNode<
  { applicationInbox: { totalCount: number; nodes: InboxApplication[] } },
  { first: number }
> = gql`
  query HomeApplicationInbox($first: Int!) {
    applicationInbox(first: $first) {
      totalCount
      nodes {
        id
        kind
        status
        submittedAt
        applicant {
          id
          username
          person {
            displayName
          }
        }
      }
    }
  }
`;

export interface HomeQueryRequest {
  id: string;
  caseNumber: string;
  status: 'PENDING' | 'APPROVED' | 'REJECTED' | 'EXPIRED';
  createdAt: string;
  itemKeys: string[];
  requester: { id: string; username: string; person: { displayName: string } };
}

const REQUEST_FIELDS = `
  totalCount
  nodes { id caseNumber status createdAt itemKeys requester { id username person { displayName } } }
`;

export const MY_REQUESTS_QUERY: TypedDocumentNode<{ myQueryRequests: { totalCount: number; nodes: HomeQueryRequest[] } }, { first: number }> = gql`
  query HomeMyQueryRequests($first: Int!) {
    myQueryRequests(first: $first) { ${REQUEST_FIELDS} }
  }
`;

export const REQUESTS_AWAITING_ME_QUERY: TypedDocumentNode<
  { queryRequestsAwaitingMyDecision: { totalCount: number; nodes: HomeQueryRequest[] } },
  { first: number }
> = gql`
  query HomeRequestsAwaitingMe($first: Int!) {
    queryRequestsAwaitingMyDecision(first: $first) { ${REQUEST_FIELDS} }
  }
`;

/** A group of the agency's queries: one month, unit and item, counted by the register itself. */
export interface VolumeCount {
  month: string;
  unitId: string | null;
  itemKey: string;
  count: number;
}

export const AGENCY_VOLUME_QUERY: TypedDocumentNode<
  { queryCounts: { total: number; rows: VolumeCount[] } },
  { from: string; agencyId: string }
> = gql`
  query HomeAgencyVolume($from: DateTimeISO!, $agencyId: ID!) {
    queryCounts(filter: { from: $from, agencyId: $agencyId }, groupBy: [MONTH, UNIT, ITEM]) {
      total
      rows {
        month
        unitId
        itemKey
        count
      }
    }
  }
`;

export const HOME_AGENCIES_QUERY: TypedDocumentNode<
  { agencies: Array<{ id: string; name: string; nameEn: string | null; units: Array<{ id: string; name: string; nameEn: string | null }> }> },
  Record<string, never>
> = gql`
  query HomeAgencies {
    agencies {
      id
      name
      nameEn
      units {
        id
        name
        nameEn
      }
    }
  }
`;
