import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'connector-gcs', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] } });
