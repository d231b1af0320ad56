import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-postgres', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
