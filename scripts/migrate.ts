/**
 * `pnpm migrate`: bring the database at DATABASE_URL (or the embedded one) to the current schema,
 * with the demo data when `--demo` is given. The start command does this itself.
 */
import { loadOrCreateDemoCertificates, loadOrCreateSecrets, prepareDatabase } from '@custos/platform';
import { startEmbeddedCluster } from '@custos/postgres';
import { fileURLToPath } from 'node:url';
import { rootEnv } from './env';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataRoot = `${root}.custos`;
const secrets = await loadOrCreateSecrets(dataRoot);
const cluster = rootEnv.DATABASE_URL ? undefined : await startEmbeddedCluster({ dataDir: `${dataRoot}/pgdata`, persistent: true });
try {
  const demo = process.argv.includes('--demo') ? { certificateFingerprints: (await loadOrCreateDemoCertificates(dataRoot)).fingerprints } : undefined;
  await prepareDatabase({ serverUrl: rootEnv.DATABASE_URL ?? cluster!.adminUrl, databaseName: 'custos', appRolePassword: secrets.appRolePassword, demo });
  console.log('Database is up to date.');
} finally {
  await cluster?.stop();
}
