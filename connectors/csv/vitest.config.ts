import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'connector-csv', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] } });
