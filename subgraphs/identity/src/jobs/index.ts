// The identity subgraph's jobs, for the platform's job worker (a separate entry point: these load decorated entities).
export { startIdentityJobs, PERMISSIONS_OUTBOX_CHANNEL, type IdentityJobs } from './identity-jobs';
export type { DrainResult, HandledEvent } from '../outbox-consumer/outbox-consumer';
export type { LeaverJobResult } from '../leavers/leaver-job';
