import { z } from 'zod';

/** A subgraph's configuration handed to its jobs, as a JSON object of environment variables. */
const envObject = z.string().transform((text, ctx) => {
  try {
    const parsed = z.record(z.string(), z.string()).safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // reported below
  }
  ctx.addIssue({ code: 'custom', message: 'must be a JSON object of strings' });
  return z.NEVER;
});

export const workerConfigSchema = z.object({
  /** The job queue's own role (custos_jobs): the graphile_worker schema only, nothing of the subgraphs. */
  JOBS_DATABASE_URL: z.string().url(),
  WORKER_HOST: z.string().default('127.0.0.1'),
  WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(4105),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  /** Each subgraph's jobs connect as that subgraph's role, with the configuration the subgraph gets. */
  IDENTITY_JOB_ENV: envObject,
  QUERY_LOG_JOB_ENV: envObject,
  AUDIT_JOB_ENV: envObject,
});

export type WorkerConfig = z.infer<typeof workerConfigSchema>;

export function loadWorkerConfig(source: Record<string, string | undefined> = process.env): WorkerConfig {
  const parsed = workerConfigSchema.safeParse(source);
  if (!parsed.success) {
    console.error(`[worker] invalid configuration:\n${parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n')}`);
    process.exit(78);
  }
  return parsed.data;
}
