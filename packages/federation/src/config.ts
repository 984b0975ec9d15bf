import type { z } from 'zod';

/**
 * Parses a service's configuration once at boot. On failure it names every bad variable and exits,
 * so a misconfigured service never starts half-working.
 */
export function loadConfig<T extends z.ZodType>(serviceName: string, schema: T, source: Record<string, string | undefined>): z.infer<T> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`).join('\n');
  console.error(`[${serviceName}] invalid configuration:\n${problems}`);
  process.exit(78); // EX_CONFIG
}
