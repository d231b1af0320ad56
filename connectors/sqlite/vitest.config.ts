import { defineProject } from 'vitest/config';

export default defineProject({
  // A call on a new connection starts a sandbox and compiles SQLite's WebAssembly (about a second).
  test: { name: 'connector-sqlite', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 60_000 },
});
