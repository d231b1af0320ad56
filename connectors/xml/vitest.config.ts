import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'connector-xml', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] } });
