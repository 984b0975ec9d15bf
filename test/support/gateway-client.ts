import { signChallenge } from '@custos/auth';
import { readFileSync } from 'node:fs';
import type { DemoLogin } from '@custos/platform';
import { platform } from './platform';

export interface GraphQLResult<TData = any> {
  status: number;
  data?: TData | null;
  errors?: Array<{ message: string; extensions?: { code?: string; [key: string]: unknown } }>;
}

/** A GraphQL call through the gateway, as a browser or a reporting tool makes it. */
export async function gql<TData = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResult<TData>> {
  const response = await fetch(platform().gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  try {
    return { status: response.status, ...(JSON.parse(text) as object) };
  } catch {
    throw new Error(`Gateway answered ${response.status} with non-JSON: ${text.slice(0, 200)}`);
  }
}

export function splitBundle(path: string): { certificatePem: string; privateKeyPem: string } {
  const text = readFileSync(path, 'utf8');
  const certificatePem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text)?.[0];
  const privateKeyPem = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/.exec(text)?.[0];
  if (!certificatePem || !privateKeyPem) throw new Error(`${path} does not hold a certificate and a private key`);
  return { certificatePem, privateKeyPem };
}

/** Logs a demo user in through the gateway: by password where the city allows it, else by certificate. */
export async function login(user: DemoLogin, method: 'password' | 'certificate' = user.password ? 'password' : 'certificate'): Promise<string> {
  if (method === 'password') {
    const result = await gql(`mutation ($input: PasswordLoginInput!) { loginWithPassword(input: $input) { accessToken } }`, {
      input: { cityId: user.cityId, username: user.username, password: user.password },
    });
    if (!result.data) throw new Error(`login failed: ${JSON.stringify(result.errors)}`);
    return result.data.loginWithPassword.accessToken;
  }
  const challenge = (await gql(`mutation ($cityId: ID!) { requestCertificateChallenge(cityId: $cityId) { id challenge } }`, { cityId: user.cityId })).data!
    .requestCertificateChallenge;
  const { certificatePem, privateKeyPem } = splitBundle(user.certificateBundlePath);
  const result = await gql(`mutation ($input: CertificateLoginInput!) { loginWithCertificate(input: $input) { accessToken } }`, {
    input: { challengeId: challenge.id, certificatePem, signature: await signChallenge(privateKeyPem, challenge.challenge) },
  });
  if (!result.data) throw new Error(`certificate login failed: ${JSON.stringify(result.errors)}`);
  return result.data.loginWithCertificate.accessToken;
}
