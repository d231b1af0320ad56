import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { formatIssue, MANIFEST_FILE, type Manifest, validateManifest } from '@mova/sdk';
import { repoRoot } from './paths.js';

/**
 * The manifest of every connector package under `connectors/` (a folder with a package.json),
 * sorted by name. The docs never build connectors: a missing or invalid manifest fails with the
 * file named and the command that writes it.
 */
export async function readConnectorManifests(connectorsDir = join(repoRoot, 'connectors')): Promise<Manifest[]> {
  const entries = await readdir(connectorsDir, { withFileTypes: true });
  const packages = entries
    .filter((e) => e.isDirectory() && existsSync(join(connectorsDir, e.name, 'package.json')))
    .map((e) => join(connectorsDir, e.name))
    .sort();
  const shown = (file: string) => relative(repoRoot, file) || file;
  const missing = packages.map((dir) => join(dir, MANIFEST_FILE)).filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `Missing connector manifest${missing.length > 1 ? 's' : ''}: ${missing.map(shown).join(', ')}. Build the connectors first: \`node scripts/build.mjs\` (or \`pnpm build\`) at the repository root.`,
    );
  }
  const manifests = await Promise.all(
    packages.map(async (dir) => {
      const file = join(dir, MANIFEST_FILE);
      let data: unknown;
      try {
        data = JSON.parse(await readFile(file, 'utf8'));
      } catch (error) {
        throw new Error(`${shown(file)} is not valid JSON: rebuild the connector (\`node scripts/build.mjs\`).`, {
          cause: error,
        });
      }
      const issues = validateManifest(data);
      if (issues.length > 0) {
        throw new Error(
          `${shown(file)} is not a valid manifest (${issues.slice(0, 3).map(formatIssue).join('; ')}): rebuild the connector (\`node scripts/build.mjs\`).`,
        );
      }
      // validateManifest checked the shape against the manifest schema.
      return data as Manifest;
    }),
  );
  return manifests.sort((a, b) => a.name.localeCompare(b.name));
}
