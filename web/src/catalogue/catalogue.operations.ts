import { gql, type TypedDocumentNode } from '@apollo/client';
import { QUERY_ITEM_FIELDS, type QueryItem } from '../access/access.operations';

/** The WebIR services the platform knows, in the order the console offers them. */
export const SERVICES = ['labor-insurance', 'health-insurance'] as const;

export const QUERY_ITEMS_QUERY: TypedDocumentNode<{ queryItems: QueryItem[] }, { service: string }> = gql`
  query QueryItems($service: String!) {
    queryItems(service: $service) {
      ...QueryItemFields
    }
  }
  ${QUERY_ITEM_FIELDS}
`;
