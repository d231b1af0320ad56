import { defineProject } from 'vitest/config';

// Each conformance call is a one-step run through the sandbox; on a busy 2-core machine a test
// making a dozen of them can pass vitest's 5 s default.
export default defineProject({
  test: { name: 'connector-gcp-pubsub', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 30_000 },
});
