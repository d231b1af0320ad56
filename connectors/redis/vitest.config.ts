import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'connector-redis', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] } });
