import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['sdk', 'cli', 'runtime', 'registry', 'connectors/*', 'docs-site'],
  },
});
