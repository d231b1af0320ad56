import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'connector-mysql', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] } });
