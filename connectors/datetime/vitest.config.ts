import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-datetime', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
