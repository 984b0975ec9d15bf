import { createSubgraphDataSource } from '@custos/tenancy';
import { auditEntities } from '../entities';
import { auditJobConfigSchema } from '../env';
import { createAuditServices } from '../services';
import { addDays, taiwanToday } from '../shared/dates';
import { runAnomalyJob, type AnomalyJobResult } from './anomaly-job';
import { runCalendarJob, type CalendarJobResult } from './calendar-job';
import { runDestructionJob, type DestructionJobResult } from './destruction-job';

export interface AuditJobs {
  /** The nightly anomaly scan of yesterday (Taiwan time), every city. */
  scanAnomalies(now: Date): Promise<AnomalyJobResult[]>;
  /** Destroys what has passed its retention, every city (the destruction log says what went). */
  destroyExpired(now: Date): Promise<DestructionJobResult[]>;
  /** The compliance tasks falling due in the next quarter, every city (idempotent). */
  generateCalendar(now: Date): Promise<CalendarJobResult[]>;
  stop(): Promise<void>;
}

/** The audit subgraph's scheduled jobs (the same as `pnpm --filter @custos/audit job …`), for the platform's job worker. */
export async function startAuditJobs(env: Record<string, string | undefined>): Promise<AuditJobs> {
  const parsed = auditJobConfigSchema.safeParse(env);
  if (!parsed.success) throw new Error(`audit jobs: invalid configuration: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  const dataSource = await createSubgraphDataSource({ url: parsed.data.SUBGRAPH_DATABASE_URL, schema: 'audit', entities: auditEntities, poolSize: 1 });
  const services = createAuditServices();
  return {
    scanAnomalies(now) {
      const yesterday = addDays(taiwanToday(now), -1);
      return runAnomalyJob(dataSource, services, { from: yesterday, to: yesterday, now });
    },
    destroyExpired(now) {
      return runDestructionJob(dataSource, services, { today: taiwanToday(now), now, dryRun: false });
    },
    generateCalendar(now) {
      const today = taiwanToday(now);
      return runCalendarJob(dataSource, services, { from: today, to: addDays(today, 92), today });
    },
    stop: () => dataSource.destroy(),
  };
}
