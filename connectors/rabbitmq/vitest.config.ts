import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-rabbitmq', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
