import { z } from 'zod';

/** The root commands' settings, parsed once. */
const schema = z.object({
  /** An existing PostgreSQL server (a role that may create roles and databases). Embedded when unset. */
  DATABASE_URL: z.string().url().optional(),
  /** The pnpm binary running us (set by pnpm itself), to run workspace commands with the same version. */
  npm_execpath: z.string().optional(),
});

export const rootEnv = schema.parse(process.env);
