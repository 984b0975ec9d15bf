import { gql, type TypedDocumentNode } from '@apollo/client';
import type { Session } from '../api/session-store';

export interface City {
  id: string;
  name: string;
  nameEn: string;
  passwordLoginAllowed: boolean;
  loginRuleCitation: string | null;
}

type NoVariables = Record<string, never>;

/** Public: the login page lists the cities before anyone is signed in. */
export const CITIES_QUERY: TypedDocumentNode<{ cities: City[] }, NoVariables> = gql`
  query LoginCities {
    cities {
      id
      name
      nameEn
      passwordLoginAllowed
      loginRuleCitation
    }
  }
`;

export const LOGIN_WITH_PASSWORD_MUTATION: TypedDocumentNode<
  { loginWithPassword: Session },
  { input: { cityId: string; username: string; password: string } }
> = gql`
  mutation LoginWithPassword($input: PasswordLoginInput!) {
    loginWithPassword(input: $input) {
      accessToken
      expiresAt
      refreshToken
      refreshExpiresAt
    }
  }
`;

export const REQUEST_CERTIFICATE_CHALLENGE_MUTATION: TypedDocumentNode<
  { requestCertificateChallenge: { id: string; challenge: string; expiresAt: string } },
  { cityId: string }
> = gql`
  mutation RequestCertificateChallenge($cityId: ID!) {
    requestCertificateChallenge(cityId: $cityId) {
      id
      challenge
      expiresAt
    }
  }
`;

export const LOGIN_WITH_CERTIFICATE_MUTATION: TypedDocumentNode<
  { loginWithCertificate: Session },
  { input: { challengeId: string; certificatePem: string; signature: string } }
> = gql`
  mutation LoginWithCertificate($input: CertificateLoginInput!) {
    loginWithCertificate(input: $input) {
      accessToken
      expiresAt
      refreshToken
      refreshExpiresAt
    }
  }
`;
