// The query log's jobs, for the platform's job worker (a separate entry point: these load decorated entities).
export { startQueryLogJobs, type QueryLogJobs, type CheckpointJobResult } from './query-log-jobs';
