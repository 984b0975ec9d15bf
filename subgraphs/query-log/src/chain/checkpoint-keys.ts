import { createHash, createPrivateKey, createPublicKey, hkdfSync, sign, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import { DomainError } from '@custos/federation';
import type { SubjectHasher } from '../identifiers/subject';

/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

interface CityKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

function keyIdOf(publicKey: KeyObject): string {
  const raw = publicKey.export({ format: 'jwk' }).x!;
  return `ed25519:${createHash('sha256').update(raw).digest('hex').slice(0, 16)}`;
}

/**
 * The Ed25519 keys that sign the hash chain's checkpoints. They live in this process's config only;
 * the database (and whoever administers it) never holds them, so a rewritten chain cannot be
 * re-signed. Either one configured key for every city (CHECKPOINT_SIGNING_KEY), or per city a key
 * derived with HKDF-SHA256 from that city's subject-hash secret (domain-separated by its `info`).
 */
export class CheckpointKeys {
  private readonly byCity = new Map<string, CityKey>();
  private readonly configured: CityKey | undefined;

  constructor(
    private readonly hasher: SubjectHasher,
    configuredJwk?: Record<string, unknown>,
  ) {
    if (configuredJwk) {
      if (configuredJwk.kty !== 'OKP' || configuredJwk.crv !== 'Ed25519' || typeof configuredJwk.d !== 'string') {
        throw new Error('CHECKPOINT_SIGNING_KEY must be a private Ed25519 JWK (kty OKP, crv Ed25519, with d)');
      }
      const privateKey = createPrivateKey({ key: configuredJwk as JsonWebKey, format: 'jwk' });
      const publicKey = createPublicKey(privateKey);
      this.configured = { keyId: typeof configuredJwk.kid === 'string' ? configuredJwk.kid : keyIdOf(publicKey), privateKey, publicKey };
    }
  }

  private key(cityId: string): CityKey {
    if (this.configured) return this.configured;
    let key = this.byCity.get(cityId);
    if (!key) {
      const seed = Buffer.from(hkdfSync('sha256', this.hasher.secret(cityId), Buffer.from('custos-query-log'), Buffer.from(`checkpoint-ed25519/v1/${cityId}`), 32));
      const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
      const publicKey = createPublicKey(privateKey);
      key = { keyId: keyIdOf(publicKey), privateKey, publicKey };
      this.byCity.set(cityId, key);
    }
    return key;
  }

  keyId(cityId: string): string {
    return this.key(cityId).keyId;
  }

  /** The public key to verify a city's checkpoints with, as a JWK (for the archive). */
  publicJwk(cityId: string): Record<string, unknown> {
    const key = this.key(cityId);
    return { ...key.publicKey.export({ format: 'jwk' }), kid: key.keyId, alg: 'EdDSA', use: 'sig' };
  }

  sign(cityId: string, payload: string): { keyId: string; signature: string } {
    const key = this.key(cityId);
    return { keyId: key.keyId, signature: sign(null, Buffer.from(payload, 'utf8'), key.privateKey).toString('base64url') };
  }

  /** True/false for a key we hold; throws CHECKPOINT_KEY_UNKNOWN for another key id. */
  verify(cityId: string, keyId: string, payload: string, signature: string): boolean {
    const key = this.key(cityId);
    if (key.keyId !== keyId) throw new DomainError('CHECKPOINT_KEY_UNKNOWN', `Checkpoint signed with key ${keyId}, which this service does not hold.`);
    try {
      return verify(null, Buffer.from(payload, 'utf8'), key.publicKey, Buffer.from(signature, 'base64url'));
    } catch {
      return false;
    }
  }
}
