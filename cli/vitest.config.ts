import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'cli',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 180_000,
    // The end-to-end suites scaffold and npm-install packages in beforeAll.
    hookTimeout: 180_000,
  },
});
