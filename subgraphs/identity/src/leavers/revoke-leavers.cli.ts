import { createSubgraphDataSource } from '@custos/tenancy';
import { prepareIdentityServices } from '../create-services';
import { identityEntities } from '../entities';
import { loadIdentityConfig } from '../env';
import { revokeDueAccounts } from './leaver-job';

/**
 * `pnpm --filter @custos/identity job:revoke-leavers`: runs the leaver job once, with the identity
 * subgraph's own configuration and database role (for cron, or when the subgraph's own interval
 * is switched off with LEAVER_JOB_INTERVAL_SECONDS=0). Prints what it revoked as JSON lines.
 */
const config = loadIdentityConfig();
const dataSource = await createSubgraphDataSource({ url: config.SUBGRAPH_DATABASE_URL, schema: 'identity', entities: identityEntities, poolSize: 2 });
try {
  const services = (await prepareIdentityServices(config))(dataSource);
  const result = await revokeDueAccounts(dataSource, services.lifecycle, new Date());
  for (const revoked of result.revoked) console.log(JSON.stringify(revoked));
  console.error(`[identity] revoke-leavers: ${result.revoked.length} account(s) revoked`);
} finally {
  await dataSource.destroy();
}
