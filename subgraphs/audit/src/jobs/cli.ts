/**
 * The audit subgraph's scheduled jobs, for cron or an operator:
 *
 *   pnpm --filter @custos/audit job calendar [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--city taoyuan]
 *   pnpm --filter @custos/audit job anomalies [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--city tainan]
 *   pnpm --filter @custos/audit job destroy [--dry-run] [--city changhua]
 *
 * Connects as the subgraph's own role (SUBGRAPH_DATABASE_URL), one transaction per city.
 */
import { createSubgraphDataSource } from '@custos/tenancy';
import { parseArgs } from 'node:util';
import { auditEntities } from '../entities';
import { loadAuditJobConfig } from '../env';
import { createAuditServices } from '../services';
import { addDays, parseDateArg, taiwanToday } from '../shared/dates';
import { runAnomalyJob } from './anomaly-job';
import { runCalendarJob } from './calendar-job';
import { runDestructionJob } from './destruction-job';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { from: { type: 'string' }, to: { type: 'string' }, city: { type: 'string', multiple: true }, 'dry-run': { type: 'boolean' } },
});
const job = positionals[0];
const config = loadAuditJobConfig();
const today = taiwanToday(new Date());

const dataSource = await createSubgraphDataSource({ url: config.SUBGRAPH_DATABASE_URL, schema: 'audit', entities: auditEntities, poolSize: 1 });
try {
  const services = createAuditServices();
  switch (job) {
    case 'calendar': {
      // By default: everything falling due in the next quarter, so owners see it coming.
      const from = values.from ? parseDateArg(values.from, 'from') : today;
      const to = values.to ? parseDateArg(values.to, 'to') : addDays(today, 92);
      for (const result of await runCalendarJob(dataSource, services, { from, to, today, cities: values.city })) {
        console.log(`[audit] calendar ${result.cityId}: ${result.created} created, ${result.due} due ${from}..${to}`);
      }
      break;
    }
    case 'anomalies': {
      // By default: yesterday, the last whole day.
      const yesterday = addDays(today, -1);
      const from = values.from ? parseDateArg(values.from, 'from') : yesterday;
      const to = values.to ? parseDateArg(values.to, 'to') : yesterday;
      for (const result of await runAnomalyJob(dataSource, services, { from, to, now: new Date(), cities: values.city })) {
        console.log(`[audit] anomalies ${result.cityId}: ${result.created} new, ${result.findings} raised or refreshed for ${from}..${to}`);
      }
      break;
    }
    case 'destroy': {
      const dryRun = values['dry-run'] ?? false;
      for (const result of await runDestructionJob(dataSource, services, { today, now: new Date(), dryRun, cities: values.city })) {
        console.log(`[audit] destroy ${result.cityId}: ${result.destroyed} ${dryRun ? 'would be destroyed' : 'destroyed'}, ${result.kept} kept`);
      }
      break;
    }
    default:
      console.error('usage: job calendar|anomalies|destroy [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--city <id>]...');
      process.exitCode = 64;
  }
} finally {
  await dataSource.destroy();
}
