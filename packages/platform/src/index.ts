export { startPlatform, REPO_ROOT, type PlatformOptions, type RunningPlatform, type DemoLogin } from './platform';
export { prepareDatabase, type PreparedDatabase } from './database';
export { loadOrCreateSecrets, loadOrCreateDemoCertificates, type PlatformSecrets } from './secrets';
export { SCHEDULE, JOB, type JobName } from './worker/schedule';
