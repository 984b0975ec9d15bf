/**
 * `pnpm start`: the whole platform on this machine — an embedded PostgreSQL (or DATABASE_URL),
 * migrations, demo data for the four cities, the four subgraphs, the gateway and the built console.
 */
import { startPlatform } from '@custos/platform';
import { fileURLToPath } from 'node:url';
import { rootEnv } from './env';
import { pnpm } from './run';

const root = fileURLToPath(new URL('..', import.meta.url));

console.log('Building the console…');
await pnpm(['--filter', '@custos/web', 'build']);

console.log(rootEnv.DATABASE_URL ? 'Using the PostgreSQL server at DATABASE_URL.' : 'Starting the embedded PostgreSQL (data in .custos/pgdata)…');
const platform = await startPlatform(
  {
    dataRoot: `${root}.custos`,
    databaseUrl: rootEnv.DATABASE_URL,
    demo: true,
    ports: 'default',
    consoleDir: `${root}web/dist`,
    persistentCluster: true,
    echo: true,
  });

const rows = platform.demo.users.map((user) => `  ${user.cityId.padEnd(9)} ${user.username.padEnd(22)} ${user.roles.join(', ').padEnd(24)} ${user.password ? `password ${user.password}` : 'certificate only'}   key file ${user.certificateBundlePath.replace(root, '')}`);
console.log(`
Custos is running.
  Console:          ${platform.consoleUrl}
  GraphQL endpoint: ${platform.gatewayUrl}

Demo logins (city, username, roles, how to log in):
${rows.join('\n')}

Press Ctrl-C to stop.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    platform.stop().then(() => process.exit(0), (error) => {
      console.error(error);
      process.exit(1);
    });
  });
}
