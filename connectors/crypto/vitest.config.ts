import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-crypto', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
