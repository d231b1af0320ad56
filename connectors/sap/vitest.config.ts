import { defineProject } from 'vitest/config';

// Each conformance call is a one-step run through the sandbox; on a busy 2-core machine a test
// making a dozen of them can pass vitest's 5 s default. CAP's start (model compile) takes a few seconds.
export default defineProject({
  test: {
    name: 'connector-sap',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
