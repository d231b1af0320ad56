import { existsSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vitepress';
import { sidebarFile } from '../scripts/paths.js';
import { markdownOptions } from '../scripts/site-markdown.js';

if (!existsSync(sidebarFile)) {
  throw new Error(
    'The generated pages are missing: run `pnpm --filter @mova/docs-site generate` (or `pnpm docs:build`).',
  );
}
const sidebar = JSON.parse(readFileSync(sidebarFile, 'utf8'));

// Everything the site needs ships with it: the default theme bundles its fonts, search is a local
// index, and no page loads anything from another host.
export default defineConfig({
  title: 'MOVA',
  description: 'Write typed connectors, publish them, and run workflows that use them.',
  srcDir: 'src',
  outDir: 'dist',
  cacheDir: '.vitepress/cache',
  cleanUrls: true,
  // Connection fields name local endpoints as examples (LocalStack on http://localhost:4566): text, not links to check.
  ignoreDeadLinks: 'localhostLinks',
  markdown: markdownOptions,
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/guide/getting-started' },
      { text: 'SDK', link: '/sdk/concepts' },
      { text: 'Workflows', link: '/workflow/' },
      { text: 'CLI', link: '/cli/' },
      { text: 'Connectors', link: '/connectors/' },
    ],
    sidebar,
    outline: [2, 3],
    search: { provider: 'local' },
  },
});
