import type { CronItem } from 'graphile-worker';

/** The platform's queued and scheduled jobs (graphile-worker task identifiers). */
export const JOB = {
  consumeOutbox: 'identity.consume-outbox',
  revokeLeavers: 'identity.revoke-leavers',
  writeCheckpoints: 'query-log.write-checkpoints',
  scanAnomalies: 'audit.scan-anomalies',
  destroyExpired: 'audit.destroy-expired',
  generateCalendar: 'audit.generate-calendar',
} as const;

export type JobName = (typeof JOB)[keyof typeof JOB];

const HOUR = 3_600_000;

/**
 * When each job runs (graphile-worker cron, in UTC: Taiwan is UTC+8, so 16:00 UTC is midnight there).
 * Every item has a stable identifier, so a restart neither schedules a run twice nor forgets one:
 * runs missed while the platform was down are backfilled within `backfillPeriod`.
 */
export const SCHEDULE: Array<CronItem & { identifier: string; description: string }> = [
  // A sweep behind the LISTEN/NOTIFY wake-up: an event announced while no worker listened is still handled within a minute.
  { identifier: 'identity-outbox-sweep', task: JOB.consumeOutbox, match: '* * * * *', options: { jobKey: 'identity.consume-outbox:all', jobKeyMode: 'replace' }, description: 'approved applications’ account changes (permissions outbox), every minute' },
  // Changhua 4(六): revoked on or before the move date; hourly keeps that within the day.
  { identifier: 'identity-revoke-leavers', task: JOB.revokeLeavers, match: '5 * * * *', options: { backfillPeriod: 6 * HOUR }, description: 'revoke leavers’ and movers’ accounts whose date has come, hourly' },
  { identifier: 'query-log-checkpoints', task: JOB.writeCheckpoints, match: '*/5 * * * *', options: { backfillPeriod: 0 }, description: 'signed checkpoints of every city’s hash chain, every 5 minutes' },
  { identifier: 'audit-calendar', task: JOB.generateCalendar, match: '0 16 * * *', options: { backfillPeriod: 2 * 24 * HOUR }, description: 'compliance tasks due in the next quarter, daily at 00:00 Taiwan time' },
  { identifier: 'audit-anomaly-scan', task: JOB.scanAnomalies, match: '30 16 * * *', options: { backfillPeriod: 2 * 24 * HOUR }, description: 'anomaly rules over yesterday’s query records, daily at 00:30 Taiwan time' },
  { identifier: 'audit-retention', task: JOB.destroyExpired, match: '0 18 * * *', options: { backfillPeriod: 2 * 24 * HOUR }, description: 'destruction of records past their retention, daily at 02:00 Taiwan time' },
];
