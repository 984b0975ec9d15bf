import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One real PostgreSQL for the run, then one running platform (subgraphs + gateway + console) shared by every file.
    globalSetup: ['../packages/testkit/src/global-setup.ts', './support/platform-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser and cross-service tests share one platform; run files one at a time on 2 cores.
    fileParallelism: false,
  },
});
