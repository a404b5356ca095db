import { defineConfig } from 'vitest/config';

// One config for the web app (root: web/) and the test runner.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Most tests take well under a second; those that solve many designs' target plans take
    // 20-60 s with two files running at once, and CI's machine can be two or three times
    // slower, so the default leaves them room (a timeout only bounds how long a hang takes).
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // The e2e web build, made once for the run and served by every browser test file
    // (each of ten files built its own before).
    globalSetup: ['test/e2e/global-build.ts'],
    // Two test files at once on CI's 2 cores (vitest's default is cores - 1 = 1): the suite took
    // 904 s with two and about an hour with one. The browser tests wait for states, never for
    // time, so sharing the cores slows them without making them flaky.
    maxWorkers: 2,
  },
});
