import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'docs-site',
    include: ['scripts/**/*.test.ts'],
    // The CLI and runtime tests load the built CLI, which takes seconds on a busy machine.
    testTimeout: 30_000,
  },
});
