import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'connector-salesforce',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: ['./test/setup.ts'],
  },
});
