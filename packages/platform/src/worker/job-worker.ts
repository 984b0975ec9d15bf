import { startAuditJobs } from '@custos/audit/jobs';
import { startIdentityJobs } from '@custos/identity/jobs';
import { startQueryLogJobs } from '@custos/query-log/jobs';
import { parseCronItems, run, type Runner, type TaskList } from 'graphile-worker';
import type { WorkerConfig } from './env';
import { JOB, SCHEDULE } from './schedule';

export interface RunningJobWorker {
  runner: Runner;
  stop(): Promise<void>;
}

/** Fails the job (so the queue retries it with back-off) when any part of the run failed. */
function failIfAny(job: string, failures: string[]): void {
  if (failures.length > 0) throw new Error(`${job}: ${failures.length} failure(s): ${failures.join('; ').slice(0, 2000)}`);
}

/**
 * The platform's job worker: a graphile-worker runner (a maintained PostgreSQL job queue) with the
 * subgraphs' jobs as tasks and their schedule as cron. The queue lives in its own schema and role;
 * each task does its work through its subgraph's own role, one transaction per city. Jobs are run at
 * least once, so every task is idempotent.
 */
export async function startJobWorker(config: WorkerConfig): Promise<RunningJobWorker> {
  const identity = await startIdentityJobs(config.IDENTITY_JOB_ENV);
  const queryLog = await startQueryLogJobs(config.QUERY_LOG_JOB_ENV);
  const audit = await startAuditJobs(config.AUDIT_JOB_ENV);
  const stopJobs = async () => {
    await identity.stop();
    await queryLog.stop();
    await audit.stop();
  };

  const taskList: TaskList = {
    [JOB.consumeOutbox]: async (payload, helpers) => {
      const city = typeof (payload as { city?: unknown })?.city === 'string' ? (payload as { city: string }).city : null;
      const results = await identity.consumeOutbox(city);
      const handled = results.flatMap((result) => result.handled);
      if (handled.length > 0) helpers.logger.info(`${JOB.consumeOutbox}: ${handled.map((entry) => `${entry.topic} ${entry.eventId} ${entry.outcome}${entry.detail ? ` (${entry.detail})` : ''}`).join('; ')}`);
      failIfAny(JOB.consumeOutbox, results.flatMap((result) => result.failed.map((failure) => `${result.cityId} ${failure.eventId}: ${failure.error}`)));
    },
    [JOB.revokeLeavers]: async (_payload, helpers) => {
      const result = await identity.revokeLeavers(new Date());
      helpers.logger.info(`${JOB.revokeLeavers}: ${result.revoked.length} account(s) revoked`);
    },
    [JOB.writeCheckpoints]: async (_payload, helpers) => {
      const results = await queryLog.writeCheckpoints(new Date());
      // Which head each city's chain is anchored at: one line every five minutes, what an operator checks first.
      helpers.logger.info(`${JOB.writeCheckpoints}: ${results.map((result) => `${result.cityId}@${result.sequence ?? '-'}`).join(', ')}`);
      failIfAny(JOB.writeCheckpoints, results.filter((result) => result.error).map((result) => `${result.cityId}: ${result.error}`));
    },
    [JOB.scanAnomalies]: async (_payload, helpers) => {
      const results = await audit.scanAnomalies(new Date());
      helpers.logger.info(`${JOB.scanAnomalies}: ${results.map((result) => `${result.cityId} ${result.created} new`).join(', ')}`);
    },
    [JOB.destroyExpired]: async (_payload, helpers) => {
      const results = await audit.destroyExpired(new Date());
      helpers.logger.info(`${JOB.destroyExpired}: ${results.map((result) => `${result.cityId} ${result.destroyed} destroyed`).join(', ')}`);
    },
    [JOB.generateCalendar]: async (_payload, helpers) => {
      const results = await audit.generateCalendar(new Date());
      helpers.logger.info(`${JOB.generateCalendar}: ${results.map((result) => `${result.cityId} ${result.created} created`).join(', ')}`);
    },
  };

  let runner: Runner;
  try {
    runner = await run({
      connectionString: config.JOBS_DATABASE_URL,
      concurrency: config.WORKER_CONCURRENCY,
      noHandleSignals: true,
      pollInterval: 2_000,
      taskList,
      parsedCronItems: parseCronItems(SCHEDULE.map(({ description: _description, ...item }) => item)),
    });
  } catch (error) {
    await stopJobs();
    throw error;
  }

  // Permissions announces each new outbox event; the city's consumer job is queued at once (one per city, replaced while waiting).
  const listener = await identity.listenForOutbox((cityId) => {
    runner.addJob(JOB.consumeOutbox, { city: cityId }, { jobKey: `${JOB.consumeOutbox}:${cityId}`, jobKeyMode: 'replace' }).catch((error) => console.error('[worker] could not queue the outbox consumer', error));
  });
  // Whatever was announced while no worker ran.
  await runner.addJob(JOB.consumeOutbox, {}, { jobKey: `${JOB.consumeOutbox}:all`, jobKeyMode: 'replace' });

  return {
    runner,
    async stop() {
      await listener.stop();
      await runner.stop();
      await stopJobs();
    },
  };
}
