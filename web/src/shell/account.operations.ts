import { gql, type TypedDocumentNode } from '@apollo/client';

export interface Account {
  id: string;
  username: string;
  roles: string[];
  status: string;
  person: { id: string; displayName: string };
  agency: { id: string; name: string; nameEn: string | null };
  city: { id: string; name: string; nameEn: string };
}

export const ME_QUERY: TypedDocumentNode<{ me: Account | null }, Record<string, never>> = gql`
  query SignedInAccount {
    me {
      id
      username
      roles
      status
      person {
        id
        displayName
      }
      agency {
        id
        name
        nameEn
      }
      city {
        id
        name
        nameEn
      }
    }
  }
`;
