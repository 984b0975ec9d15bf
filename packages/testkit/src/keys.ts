import { generateSigningKeyPair, type SigningKeyPair } from '@custos/auth';

export interface TestKeys {
  identity: SigningKeyPair;
  gateway: SigningKeyPair;
}

export async function createTestKeys(): Promise<TestKeys> {
  return {
    identity: await generateSigningKeyPair('identity-test'),
    gateway: await generateSigningKeyPair('gateway-test'),
  };
}
