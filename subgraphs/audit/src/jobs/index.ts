// The audit subgraph's jobs, for the platform's job worker (a separate entry point: these load decorated entities).
export { startAuditJobs, type AuditJobs } from './audit-jobs';
