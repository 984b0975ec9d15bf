/**
 * `pnpm test`: every package's tests and the cross-service tests in test/, against one real
 * PostgreSQL — DATABASE_URL when set, otherwise an embedded cluster started for this run.
 */
import { startEmbeddedCluster } from '@custos/postgres';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootEnv } from './env';
import { pnpm } from './run';

let databaseUrl = rootEnv.DATABASE_URL;
let stopCluster = async () => {};
if (!databaseUrl) {
  const dir = mkdtempSync(join(tmpdir(), 'custos-test-pg-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as a separate system user
  const cluster = await startEmbeddedCluster({ dataDir: join(dir, 'data'), persistent: false });
  databaseUrl = cluster.adminUrl;
  stopCluster = async () => {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

let failed = false;
try {
  // The console is built first: the browser tests drive the built assets, and the build checks the bundle budget.
  await pnpm(['--filter', '@custos/web', 'build']);
  // --no-bail: every package runs and reports, so one failure does not hide the others (pnpm still exits non-zero).
  await pnpm(['-r', '--workspace-concurrency=1', '--no-bail', 'test'], { env: { DATABASE_URL: databaseUrl } });
} catch (error) {
  console.error((error as Error).message);
  failed = true;
} finally {
  await stopCluster();
}
process.exit(failed ? 1 : 0);
