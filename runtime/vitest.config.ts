import { defineProject } from 'vitest/config';

export default defineProject({
  // Sandboxed steps start workers and processes; on a loaded 2-core machine that takes seconds.
  test: { name: 'runtime', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 30_000 },
});
