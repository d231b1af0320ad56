import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-azure-blob', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
