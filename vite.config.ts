import { defineConfig } from 'vitest/config';

// One config for the web app (root: web/) and the test runner.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
