import { defineConfig } from 'vitest/config';

// One config for the web app (root: web/) and the test runner.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Most tests take well under a second; those that solve many designs' target plans take
    // 20-45 s on 2 cores, and CI's machine can be slower, so the default leaves them room.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
