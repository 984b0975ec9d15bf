import { startPlatform, REPO_ROOT } from '@custos/platform';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Starts the whole platform once for the cross-service and browser tests, the way `pnpm start`
 * does (separate processes, production mode, the built console), on free ports and a fresh
 * database. Test files find it through the environment (see platform.ts).
 */
export default async function setup(): Promise<() => Promise<void>> {
  const dataRoot = mkdtempSync(join(tmpdir(), 'custos-e2e-'));
  chmodSync(dataRoot, 0o755);
  const platform = await startPlatform(
    {
      dataRoot,
      databaseUrl: process.env.DATABASE_URL,
      databaseName: `custos_e2e_${process.pid}`,
      demo: true,
      ports: 'free',
      consoleDir: join(REPO_ROOT, 'web/dist'),
      nodeEnv: 'production',
      echo: process.env.CUSTOS_E2E_ECHO === '1',
    });
  process.env.CUSTOS_E2E = JSON.stringify({
    gatewayUrl: platform.gatewayUrl,
    consoleUrl: platform.consoleUrl,
    databaseOwnerUrl: platform.databaseOwnerUrl,
    subgraphUrls: platform.subgraphUrls,
    dataRoot,
    demo: platform.demo,
  });
  return async () => {
    await platform.stop();
    rmSync(dataRoot, { recursive: true, force: true });
  };
}
