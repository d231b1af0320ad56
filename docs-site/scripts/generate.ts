import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCliDoc } from './cli-commands.js';
import { cliPages, cliSidebar } from './cli-pages.js';
import { readConnectorManifests } from './connector-manifests.js';
import { connectorIndex, connectorPage, connectorSidebar } from './connector-pages.js';
import type { SidebarItem } from './page.js';
import { generatedDirs, sidebarFile, srcDir } from './paths.js';
import { generateSdkApi, sdkApiSidebar } from './sdk-api.js';
import { workflowReferencePage, workflowSchemaPages, workflowSidebar } from './workflow-pages.js';
import { readWorkflowSource } from './workflow-source.js';
import { writePages } from './write-pages.js';

// Writes every generated page under `src/` and the sidebar: connectors from their manifests, the
// workflow language from the runtime's schema and reference, the CLI from its command classes and
// the SDK from its source. Reads only local files, so the build works offline. Run by `build` and
// `dev` before VitePress; a missing input stops it with a message saying what to build.

async function generate(): Promise<number> {
  const [manifests, workflow, cli] = await Promise.all([readConnectorManifests(), readWorkflowSource(), loadCliDoc()]);
  const pages = [
    connectorIndex(manifests),
    ...manifests.map(connectorPage),
    workflowReferencePage(workflow.reference),
    ...workflowSchemaPages(workflow.schema),
    ...cliPages(cli),
  ];
  await writePages(srcDir, [generatedDirs.connectors, generatedDirs.workflow, generatedDirs.cli], pages);
  const apiBase = `/${generatedDirs.sdkApi}`;
  const sdkPages = await generateSdkApi(join(srcDir, generatedDirs.sdkApi));
  const sidebar: Record<string, SidebarItem[]> = {
    '/guide/': [
      {
        text: 'Guide',
        items: [
          { text: 'Getting started', link: '/guide/getting-started' },
          { text: 'Kits for connector authors', link: '/guide/connector-kits' },
          { text: 'Deploying', link: '/guide/deploying' },
          { text: 'Serving workflows', link: '/guide/serve' },
          { text: 'Error codes', link: '/guide/errors' },
        ],
      },
    ],
    '/sdk/': [
      {
        text: 'SDK',
        items: [
          { text: 'Concepts', link: '/sdk/concepts' },
          { text: 'API reference', link: `${apiBase}/` },
        ],
      },
      ...sdkApiSidebar(sdkPages, apiBase),
    ],
    '/workflow/': [{ text: 'Workflow language', items: workflowSidebar(workflow.schema) }],
    '/cli/': [{ text: 'CLI', items: cliSidebar(cli) }],
    '/connectors/': [{ text: 'Connectors', items: connectorSidebar(manifests) }],
  };
  await writeFile(sidebarFile, `${JSON.stringify(sidebar, null, 2)}\n`);
  return pages.length + sdkPages.length;
}

const started = performance.now();
try {
  const pages = await generate();
  console.log(`docs: generated ${pages} pages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`docs: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
