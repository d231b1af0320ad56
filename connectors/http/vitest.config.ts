import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-http', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
