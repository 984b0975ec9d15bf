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
