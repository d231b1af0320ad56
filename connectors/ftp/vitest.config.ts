import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-ftp', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 20_000 },
});
