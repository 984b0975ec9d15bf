import { startEmbeddedCluster } from '@custos/postgres';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest global setup: tests run against a real PostgreSQL — `DATABASE_URL` (a superuser or owner
 * connection) when set, otherwise a throwaway embedded cluster for this run. Workers inherit the URL.
 */
export default async function setup(): Promise<() => Promise<void>> {
  if (process.env.DATABASE_URL) return async () => {};
  const dataDir = mkdtempSync(join(tmpdir(), 'custos-test-pg-'));
  // As root, PostgreSQL runs as a separate system user that must be able to enter this folder.
  chmodSync(dataDir, 0o755);
  const cluster = await startEmbeddedCluster({ dataDir: join(dataDir, 'data'), persistent: false });
  process.env.DATABASE_URL = cluster.adminUrl;
  return async () => {
    await cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
