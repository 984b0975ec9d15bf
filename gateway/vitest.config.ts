import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The SDL checks start one process per subgraph; on a busy 2-core machine that takes a while.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
