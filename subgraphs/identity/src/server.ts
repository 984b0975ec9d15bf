import { createGatewayAssertionVerifier, type JWK } from '@custos/auth';
import { startScopedSubgraph, type RunningScopedSubgraph } from '@custos/tenancy';
import type { DataSource, Logger } from 'typeorm';
import { createIdentityContext } from './context';
import { prepareIdentityServices, type IdentityServiceOptions } from './create-services';
import { identityEntities } from './entities';
import type { IdentityConfig } from './env';
import { revokeDueAccounts, scheduleLeaverJob } from './leavers/leaver-job';
import { buildIdentitySchema } from './schema';
import type { IdentityServices } from './services';
import { REVOCATION_FEED_PATH, revocationFeedRoute } from './sessions/revocation-feed.route';
import { publishedKeySet } from './keys/published-keys';

export { identityEntities };

export interface RunningIdentity extends RunningScopedSubgraph {
  services: IdentityServices;
}

export interface IdentityOptions extends IdentityServiceOptions {
  logger?: Logger;
}

export async function startIdentity(config: IdentityConfig, options: IdentityOptions = {}): Promise<RunningIdentity> {
  // Public keys only: the gateway verifies access tokens against this set.
  const jwks = JSON.stringify(publishedKeySet(config.IDENTITY_SIGNING_KEY as JWK, config.IDENTITY_PREVIOUS_PUBLIC_KEYS));
  // The revocation feed checks the gateway's signature itself (plain routes bypass the GraphQL check).
  const feedVerifier = await createGatewayAssertionVerifier(config.GATEWAY_PUBLIC_KEY as JWK);
  const build = await prepareIdentityServices(config, options);
  // Built once, synchronously, on the subgraph's own pool, by whatever needs them first.
  let services: IdentityServices | undefined;
  const servicesFor = (dataSource: DataSource) => (services ??= build(dataSource));
  const running = await startScopedSubgraph({
    name: 'identity',
    schemaName: 'identity',
    config,
    entities: identityEntities,
    logger: options.logger,
    buildSchema: buildIdentitySchema,
    createContext: (dataSource, verified) => createIdentityContext(dataSource, servicesFor(dataSource), verified),
    routes: [
      {
        method: 'GET',
        path: '/.well-known/jwks.json',
        handle: (_request, response) => {
          response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=60' });
          response.end(jwks);
        },
      },
      {
        method: 'GET',
        path: REVOCATION_FEED_PATH,
        handle: (request, response) => revocationFeedRoute(servicesFor(running.dataSource).sessions, feedVerifier).handle(request, response),
      },
    ],
  });
  const ready = servicesFor(running.dataSource);
  const leaverJob = scheduleLeaverJob(() => revokeDueAccounts(running.dataSource, ready.lifecycle, new Date()), config.LEAVER_JOB_INTERVAL_SECONDS);
  return {
    ...running,
    services: ready,
    async stop() {
      await leaverJob.stop();
      await running.stop();
    },
  };
}
