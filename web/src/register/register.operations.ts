import { gql, type TypedDocumentNode } from '@apollo/client';
import { QUERY_ITEM_FIELDS, type QueryItem } from '../access/access.operations';

export interface QueryRecord {
  id: string;
  sequence: string;
  itemKey: string;
  caseNumber: string;
  purpose: string;
  subjectMasked: string;
  queriedAt: string;
  recordedAt: string;
}

export interface QueryRecordPage {
  totalCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  nodes: QueryRecord[];
}

export const MY_QUERY_RECORDS_QUERY: TypedDocumentNode<
  { myQueryRecords: QueryRecordPage },
  { first: number; after?: string | null }
> = gql`
  query MyQueryRecords($first: Int!, $after: String) {
    myQueryRecords(first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        sequence
        itemKey
        caseNumber
        purpose
        subjectMasked
        queriedAt
        recordedAt
      }
    }
  }
`;

/** Both services' catalogues, to name the items of register entries (which carry only the item key). */
export const ITEM_CATALOGUE_QUERY: TypedDocumentNode<{ labor: QueryItem[]; health: QueryItem[] }, Record<string, never>> = gql`
  query ItemCatalogue {
    labor: queryItems(service: "labor-insurance") {
      ...QueryItemFields
    }
    health: queryItems(service: "health-insurance") {
      ...QueryItemFields
    }
  }
  ${QUERY_ITEM_FIELDS}
`;
