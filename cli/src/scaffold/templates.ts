import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CLI package folder (this file is src/scaffold/ or dist/scaffold/ inside it). */
export const CLI_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What each template is for, shown when choosing one. */
export const TEMPLATE_SUMMARIES: Record<string, string> = {
  http: 'a REST API over HTTP (the SDK HTTP client)',
  sdk: "a service through its vendor's official SDK (example: GitHub with @octokit/rest)",
  database: 'a database (example: PostgreSQL with pg)',
};

/**
 * The MOVA monorepo this CLI runs from, when it does (a sibling sdk/ folder holding @mova/sdk);
 * undefined for an installed CLI.
 */
export async function monorepoRoot(): Promise<string | undefined> {
  const repo = join(CLI_ROOT, '..');
  const sdk = await readFile(join(repo, 'sdk', 'package.json'), 'utf8').then(
    (text) => JSON.parse(text) as { name?: string },
    () => undefined,
  );
  return sdk?.name === '@mova/sdk' ? repo : undefined;
}

/** Templates live beside the CLI in the repo, and inside it once packed (the prepack script copies them). */
export async function templatesRoot(): Promise<string> {
  const repo = await monorepoRoot();
  return repo ? join(repo, 'templates') : join(CLI_ROOT, 'templates');
}

/** The templates in `root`: folders holding a package.json.tmpl, known ones first. */
export async function listTemplates(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const isTemplate = await stat(join(root, entry.name, 'package.json.tmpl')).then(
      () => true,
      () => false,
    );
    if (isTemplate) found.push(entry.name);
  }
  const known = Object.keys(TEMPLATE_SUMMARIES);
  const rank = (name: string) => (known.includes(name) ? known.indexOf(name) : known.length);
  return found.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
