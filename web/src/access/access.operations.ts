import { gql, type TypedDocumentNode } from '@apollo/client';

export interface QueryItem {
  key: string;
  service: string;
  code: string;
  codeIsPlaceholder: boolean;
  name: string;
  nameEn: string;
  lookupKey: string;
  citation: string;
}

export interface UserGrant {
  id: string;
  itemKey: string;
  grantedAt: string;
  revokedAt: string | null;
  /** Null only if the catalogue no longer lists the item. */
  item: QueryItem | null;
}

type NoVariables = Record<string, never>;

export const QUERY_ITEM_FIELDS = gql`
  fragment QueryItemFields on QueryItem {
    key
    service
    code
    codeIsPlaceholder
    name
    nameEn
    lookupKey
    citation
  }
`;

/** The signed-in account's grants (home page, My access, the catalogue's "I hold it" column). */
export const MY_GRANTS_QUERY: TypedDocumentNode<{ myGrants: UserGrant[] }, NoVariables> = gql`
  query MyGrants {
    myGrants {
      id
      itemKey
      grantedAt
      revokedAt
      item {
        ...QueryItemFields
      }
    }
  }
  ${QUERY_ITEM_FIELDS}
`;
