import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-github', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
