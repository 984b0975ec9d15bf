import { generateSigningKeyPair, type SigningKeyPair } from '@custos/auth';
import { createDemoCertificates, demoCities } from '@custos/demo';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const jwk = z.record(z.string(), z.unknown());
const secretsSchema = z.object({
  identitySigningKey: z.object({ privateJwk: jwk, publicJwk: jwk }),
  gatewaySigningKey: z.object({ privateJwk: jwk, publicJwk: jwk }),
  /** Password of the subgraphs' database roles. */
  appRolePassword: z.string().min(24),
  /** Per-city keys for the keyed hash of data subjects (national IDs are never stored in clear). */
  subjectHashKeys: z.record(z.string(), z.string().min(32)),
  /** Per-city keys for the keyed hash of officials' national IDs (identity), separate from the subjects' keys. */
  nationalIdHashKeys: z.record(z.string(), z.string().min(32)),
  /** Ed25519 key that signs the query log's hash-chain checkpoints (CHECKPOINT_SIGNING_KEY); only the query log and the job worker get it. */
  checkpointSigningKey: z.object({ privateJwk: jwk, publicJwk: jwk }),
});
export type PlatformSecrets = z.infer<typeof secretsSchema> & { identitySigningKey: SigningKeyPair; gatewaySigningKey: SigningKeyPair; checkpointSigningKey: SigningKeyPair };

/**
 * Keys and passwords the platform needs, generated on first start into the (git-ignored) data
 * folder and reused after, so restarts keep sessions and data readable. Never in the repository.
 */
const perCityKeys = () => Object.fromEntries(demoCities.map((city) => [city.id, randomBytes(32).toString('base64url')]));
const today = () => new Date().toISOString().slice(0, 10);

/** Secrets added after the first release: generated once when missing, never replacing what is stored. */
const laterSecrets: Record<string, () => Promise<unknown>> = {
  nationalIdHashKeys: async () => perCityKeys(),
  checkpointSigningKey: () => generateSigningKeyPair(`checkpoint-${today()}`),
};

export async function loadOrCreateSecrets(dataRoot: string): Promise<PlatformSecrets> {
  const file = join(dataRoot, 'secrets.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    // Secrets added by a later version are generated once and kept; existing ones are never replaced.
    let added = false;
    for (const [name, generate] of Object.entries(laterSecrets)) {
      if (stored[name] !== undefined) continue;
      stored[name] = await generate();
      added = true;
    }
    if (added) writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    return secretsSchema.parse(stored) as PlatformSecrets;
  }
  mkdirSync(dataRoot, { recursive: true });
  const secrets = {
    identitySigningKey: await generateSigningKeyPair(`identity-${today()}`),
    gatewaySigningKey: await generateSigningKeyPair(`gateway-${today()}`),
    appRolePassword: randomBytes(24).toString('base64url'),
    subjectHashKeys: perCityKeys(),
    nationalIdHashKeys: perCityKeys(),
    checkpointSigningKey: await generateSigningKeyPair(`checkpoint-${today()}`),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets as PlatformSecrets;
}

export interface DemoCertificateFiles {
  caCertificatePem: string;
  fingerprints: Record<string, string>;
  /** Per username: a .pem holding the certificate and its private key (what the console's key file is). */
  bundlePaths: Record<string, string>;
}

/** The demo certificate authority and one citizen certificate per demo user, made once. */
export async function loadOrCreateDemoCertificates(dataRoot: string): Promise<DemoCertificateFiles> {
  const dir = join(dataRoot, 'demo-certificates');
  const indexFile = join(dir, 'index.json');
  if (existsSync(indexFile)) return JSON.parse(readFileSync(indexFile, 'utf8')) as DemoCertificateFiles;
  mkdirSync(dir, { recursive: true });
  const certificates = await createDemoCertificates();
  const bundlePaths: Record<string, string> = {};
  for (const [username, certificate] of Object.entries(certificates.byUsername)) {
    const path = join(dir, `${username}.pem`);
    writeFileSync(path, `${certificate.certificatePem.trim()}\n${certificate.privateKeyPem.trim()}\n`, { mode: 0o600 });
    bundlePaths[username] = path;
  }
  writeFileSync(join(dir, 'demo-ca.pem'), certificates.caCertificatePem);
  const files: DemoCertificateFiles = { caCertificatePem: certificates.caCertificatePem, fingerprints: certificates.fingerprints, bundlePaths };
  writeFileSync(indexFile, JSON.stringify(files, null, 2));
  return files;
}
