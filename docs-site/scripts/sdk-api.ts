import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { Application, TSConfigReader, type TypeDocOptions } from 'typedoc';
import type { PluginOptions } from 'typedoc-plugin-markdown';
import type { SidebarItem } from './page.js';
import { docsRoot } from './paths.js';

/**
 * Generates the SDK's API reference with TypeDoc and typedoc-plugin-markdown from `sdk/src/index.ts`,
 * so the reference is exactly the public API. Returns the generated page paths relative to `outDir`.
 */
export async function generateSdkApi(outDir: string, from = docsRoot): Promise<string[]> {
  const require = createRequire(join(from, 'package.json'));
  const sdkDir = dirname(require.resolve('@mova/sdk/package.json'));
  const options: Partial<TypeDocOptions & PluginOptions> = {
    name: '@mova/sdk',
    entryPoints: [join(sdkDir, 'src', 'index.ts')],
    tsconfig: join(from, 'tsconfig.sdk-api.json'),
    plugin: ['typedoc-plugin-markdown'],
    out: outDir,
    cleanOutputDir: true,
    readme: 'none',
    // tsc checks the SDK; the docs only read its declarations and comments.
    skipErrorChecking: true,
    disableSources: true,
    excludePrivate: true,
    excludeInternal: true,
    logLevel: 'Warn',
    entryFileName: 'index',
    hidePageHeader: true,
    hideBreadcrumbs: true,
    useCodeBlocks: true,
    parametersFormat: 'table',
    interfacePropertiesFormat: 'table',
    classPropertiesFormat: 'table',
    typeDeclarationFormat: 'table',
    indexFormat: 'table',
    sanitizeComments: true,
  };
  // Only these options: the default readers would also parse process.argv.
  const app = await Application.bootstrapWithPlugins(options, [new TSConfigReader()]);
  const project = await app.convert();
  if (!project || app.logger.hasErrors()) {
    throw new Error('TypeDoc could not read the SDK (see its messages above).');
  }
  await app.generateOutputs(project);
  if (app.logger.hasErrors()) throw new Error('TypeDoc could not write the SDK reference (see its messages above).');
  return (await listMarkdown(outDir)).map((file) => relative(outDir, file));
}

async function listMarkdown(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Sidebar groups from TypeDoc's folders (`functions/defineAction.md` → Functions › defineAction). */
export function sdkApiSidebar(pages: string[], base: string): SidebarItem[] {
  const groups = new Map<string, SidebarItem[]>();
  for (const page of pages) {
    const [folder, file] = page.split('/');
    if (!folder || !file) continue;
    const items = groups.get(folder) ?? [];
    items.push({ text: file.replace(/\.md$/, ''), link: `${base}/${page.replace(/\.md$/, '')}` });
    groups.set(folder, items);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([folder, items]) => ({
      text: folder.charAt(0).toUpperCase() + folder.slice(1).replaceAll('-', ' '),
      collapsed: true,
      items: items.sort((a, b) => a.text.localeCompare(b.text)),
    }));
}
