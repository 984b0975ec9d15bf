import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // A real PostgreSQL: DATABASE_URL if set, else an embedded cluster started once for the run.
    globalSetup: ['../../packages/testkit/src/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
