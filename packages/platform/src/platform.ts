import { DEMO_PASSWORD, demoUsers } from '@custos/demo';
import { rulesLoginPolicies } from '@custos/identity';
import { findFreePort, startEmbeddedCluster, type EmbeddedCluster } from '@custos/postgres';
import { join } from 'node:path';
import { prepareDatabase } from './database';
import { REPO_ROOT, spawnService, waitForHealth, type ServiceProcess } from './processes';
import { loadOrCreateDemoCertificates, loadOrCreateSecrets } from './secrets';

export interface PlatformOptions {
  /** Folder for secrets, demo certificates and the embedded cluster's data (git-ignored). */
  dataRoot: string;
  /** An existing PostgreSQL server (a role that may create roles and databases); embedded when absent. */
  databaseUrl?: string;
  databaseName?: string;
  /** Seed the four demo cities. */
  demo?: boolean;
  /** Fixed ports (the start command) or free ones (tests). */
  ports?: 'default' | 'free';
  /** Serve the built console from this folder. */
  consoleDir?: string;
  /** Echo the services' output with a name prefix. */
  echo?: boolean;
  /** Keep the embedded cluster's data across runs (true for `pnpm start`). */
  persistentCluster?: boolean;
  /** Passed to every service; tests use 'test' to see unmasked internal errors. */
  nodeEnv?: 'production' | 'development' | 'test';
}

export interface DemoLogin {
  cityId: string;
  username: string;
  displayName: string;
  roles: string[];
  /** Present where the city's rules allow password login. */
  password?: string;
  certificateBundlePath: string;
}

export interface RunningPlatform {
  gatewayUrl: string;
  consoleUrl: string;
  /** Owner connection to the platform database (tests use it to inspect and to tamper). */
  databaseOwnerUrl: string;
  /** Where each subgraph listens (loopback); only the gateway should call them. */
  subgraphUrls: Record<'identity' | 'permissions' | 'queryLog' | 'audit', string>;
  demo: { users: DemoLogin[] };
  stop(): Promise<void>;
}

const DEFAULT_PORTS = { gateway: 4000, identity: 4101, permissions: 4102, queryLog: 4103, audit: 4104, worker: 4105 };

export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const secrets = await loadOrCreateSecrets(options.dataRoot);
  const certificates = await loadOrCreateDemoCertificates(options.dataRoot);
  let cluster: EmbeddedCluster | undefined;
  const services: ServiceProcess[] = [];
  const stop = async () => {
    // Gateway first, so no new work reaches the subgraphs while they drain.
    for (const service of [...services].reverse()) await service.stop();
    await cluster?.stop();
  };
  try {
    let serverUrl = options.databaseUrl;
    if (!serverUrl) {
      cluster = await startEmbeddedCluster({ dataDir: join(options.dataRoot, 'pgdata'), persistent: options.persistentCluster ?? false });
      serverUrl = cluster.adminUrl;
    }
    const database = await prepareDatabase({
      serverUrl,
      databaseName: options.databaseName ?? 'custos',
      appRolePassword: secrets.appRolePassword,
      demo: options.demo ? { certificateFingerprints: certificates.fingerprints } : undefined,
    });

    const ports = options.ports === 'free'
      ? { gateway: await findFreePort(), identity: await findFreePort(), permissions: await findFreePort(), queryLog: await findFreePort(), audit: await findFreePort(), worker: await findFreePort() }
      : DEFAULT_PORTS;
    const nodeEnv = options.nodeEnv ?? 'production';
    const gatewayPublicKey = JSON.stringify(secrets.gatewaySigningKey.publicJwk);
    const subgraphEnv = (port: number, databaseUrl: string) => ({
      NODE_ENV: nodeEnv,
      SUBGRAPH_HOST: '127.0.0.1',
      SUBGRAPH_PORT: String(port),
      SUBGRAPH_DATABASE_URL: databaseUrl,
      GATEWAY_PUBLIC_KEY: gatewayPublicKey,
      GATEWAY_URL: `http://127.0.0.1:${ports.gateway}/graphql`,
    });
    const identityEnv = {
      ...subgraphEnv(ports.identity, database.appUrl('identity')),
      IDENTITY_SIGNING_KEY: JSON.stringify(secrets.identitySigningKey.privateJwk),
      TRUSTED_CA_CERTIFICATES: certificates.caCertificatePem,
      NATIONAL_ID_HASH_KEYS: JSON.stringify(secrets.nationalIdHashKeys),
      // The job worker runs the leaver job on its schedule (see worker/schedule.ts).
      LEAVER_JOB_INTERVAL_SECONDS: '0',
    };
    const queryLogEnv = {
      ...subgraphEnv(ports.queryLog, database.appUrl('query_log')),
      // Only the query log (and its jobs) hold the per-city keys of the subjects' keyed hashes and the checkpoint key.
      SUBJECT_HASH_KEYS: JSON.stringify(secrets.subjectHashKeys),
      CHECKPOINT_SIGNING_KEY: JSON.stringify(secrets.checkpointSigningKey.privateJwk),
      // Timed checkpoints are the job worker's; the query log still writes one every CHECKPOINT_EVERY_RECORDS records.
      CHECKPOINT_INTERVAL_SECONDS: '0',
    };
    const auditEnv = subgraphEnv(ports.audit, database.appUrl('audit'));
    const definitions = [
      { name: 'identity', cwd: 'subgraphs/identity', entry: 'src/main.ts', port: ports.identity, env: identityEnv },
      { name: 'permissions', cwd: 'subgraphs/permissions', entry: 'src/main.ts', port: ports.permissions, env: subgraphEnv(ports.permissions, database.appUrl('permissions')) },
      { name: 'query-log', cwd: 'subgraphs/query-log', entry: 'src/main.ts', port: ports.queryLog, env: queryLogEnv },
      { name: 'audit', cwd: 'subgraphs/audit', entry: 'src/main.ts', port: ports.audit, env: auditEnv },
      {
        // The job worker: the permissions outbox consumer and the scheduled jobs, on graphile-worker.
        name: 'worker', cwd: 'packages/platform', entry: 'src/worker/main.ts', port: ports.worker,
        env: {
          NODE_ENV: nodeEnv,
          TSX_TSCONFIG_PATH: join(REPO_ROOT, 'packages/platform/tsconfig.worker.json'),
          JOBS_DATABASE_URL: database.jobsUrl,
          WORKER_HOST: '127.0.0.1',
          WORKER_PORT: String(ports.worker),
          IDENTITY_JOB_ENV: JSON.stringify(identityEnv),
          QUERY_LOG_JOB_ENV: JSON.stringify(queryLogEnv),
          AUDIT_JOB_ENV: JSON.stringify(auditEnv),
        },
      },
    ];
    for (const definition of definitions) {
      services.push(spawnService({ name: definition.name, cwd: definition.cwd, entry: definition.entry, env: definition.env, echo: options.echo }));
    }
    await Promise.all(definitions.map((definition, index) => waitForHealth(services[index]!, `http://127.0.0.1:${definition.port}/health`)));

    const gateway = spawnService({
      name: 'gateway',
      cwd: 'gateway',
      entry: 'src/main.ts',
      echo: options.echo,
      env: {
        NODE_ENV: nodeEnv,
        APOLLO_TELEMETRY_DISABLED: '1',
        GATEWAY_HOST: '127.0.0.1',
        GATEWAY_PORT: String(ports.gateway),
        GATEWAY_SIGNING_KEY: JSON.stringify(secrets.gatewaySigningKey.privateJwk),
        IDENTITY_JWKS_URL: `http://127.0.0.1:${ports.identity}/.well-known/jwks.json`,
        IDENTITY_URL: `http://127.0.0.1:${ports.identity}/graphql`,
        PERMISSIONS_URL: `http://127.0.0.1:${ports.permissions}/graphql`,
        QUERY_LOG_URL: `http://127.0.0.1:${ports.queryLog}/graphql`,
        AUDIT_URL: `http://127.0.0.1:${ports.audit}/graphql`,
        ...(options.consoleDir ? { CONSOLE_DIR: options.consoleDir } : {}),
      },
    });
    services.push(gateway);
    await waitForHealth(gateway, `http://127.0.0.1:${ports.gateway}/health`);

    return {
      gatewayUrl: `http://127.0.0.1:${ports.gateway}/graphql`,
      consoleUrl: `http://127.0.0.1:${ports.gateway}/`,
      databaseOwnerUrl: database.ownerUrl,
      subgraphUrls: {
        identity: `http://127.0.0.1:${ports.identity}/graphql`,
        permissions: `http://127.0.0.1:${ports.permissions}/graphql`,
        queryLog: `http://127.0.0.1:${ports.queryLog}/graphql`,
        audit: `http://127.0.0.1:${ports.audit}/graphql`,
      },
      demo: {
        users: demoUsers.map((user) => ({
          cityId: user.cityId,
          username: user.username,
          displayName: user.displayName,
          roles: user.roles,
          ...(rulesLoginPolicies.at(user.cityId, new Date()).passwordAllowed ? { password: DEMO_PASSWORD } : {}),
          certificateBundlePath: certificates.bundlePaths[user.username]!,
        })),
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export { REPO_ROOT };
