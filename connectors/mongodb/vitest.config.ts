import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-mongodb', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
