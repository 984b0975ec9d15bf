import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateSecrets } from './secrets';

const dir = mkdtempSync(join(tmpdir(), 'custos-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('platform secrets', () => {
  it('are generated once, private to the owner, and reused on the next start', async () => {
    const first = await loadOrCreateSecrets(dir);
    const second = await loadOrCreateSecrets(dir);
    expect(second).toEqual(first);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o077).toBe(0);
    expect(first.identitySigningKey.privateJwk).toHaveProperty('d');
    expect(first.identitySigningKey.publicJwk).not.toHaveProperty('d');
    expect(Object.keys(first.subjectHashKeys).sort()).toEqual(['changhua', 'tainan', 'taipei', 'taoyuan']);
    expect(new Set(Object.values(first.subjectHashKeys)).size).toBe(4);
    expect(first.checkpointSigningKey.privateJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', d: expect.any(String) });
    expect(first.checkpointSigningKey.publicJwk).not.toHaveProperty('d');
  });

  it('adds a secret introduced by a later version without touching the existing ones', async () => {
    const older = mkdtempSync(join(tmpdir(), 'custos-secrets-old-'));
    const current = await loadOrCreateSecrets(older);
    const { nationalIdHashKeys: _dropped, checkpointSigningKey: _droppedToo, ...withoutNewKeys } = current;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(older, 'secrets.json'), JSON.stringify(withoutNewKeys));
    const upgraded = await loadOrCreateSecrets(older);
    expect(upgraded.subjectHashKeys).toEqual(current.subjectHashKeys);
    expect(upgraded.identitySigningKey).toEqual(current.identitySigningKey);
    expect(Object.keys(upgraded.nationalIdHashKeys).sort()).toEqual(['changhua', 'tainan', 'taipei', 'taoyuan']);
    expect(upgraded.checkpointSigningKey.privateJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
    expect(await loadOrCreateSecrets(older)).toEqual(upgraded);
    rmSync(older, { recursive: true, force: true });
  });

  it('refuse a damaged secrets file instead of silently replacing it', async () => {
    const damaged = mkdtempSync(join(tmpdir(), 'custos-secrets-bad-'));
    const file = join(damaged, 'secrets.json');
    await loadOrCreateSecrets(damaged);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), appRolePassword: 'short' }));
    await expect(loadOrCreateSecrets(damaged)).rejects.toThrow();
    rmSync(damaged, { recursive: true, force: true });
  });
});
