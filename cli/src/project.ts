import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { displayPath } from './paths.js';
import { UserError } from './user-error.js';

export interface ConnectorProject {
  dir: string;
  name: string;
  version: string;
  /** The TypeScript entry that default-exports `defineConnector(...)`. */
  entry: string;
  /** Everything the bundle is built from; a manifest older than any of it is stale. */
  sources: string[];
  bundle: string;
  manifest: string;
  readme: string;
}

/** Reads the connector package in `dir`, or explains what is missing. */
export async function readProject(dir: string): Promise<ConnectorProject> {
  const root = resolve(dir);
  const pkgPath = join(root, 'package.json');
  let text: string;
  try {
    text = await readFile(pkgPath, 'utf8');
  } catch {
    throw new UserError(
      `${displayPath(root)} is not a connector package: it has no package.json`,
      'Run this inside a connector package or pass --dir <path>; create one with `mova-connector init <name>`.',
    );
  }
  let pkg: { name?: unknown; version?: unknown };
  try {
    pkg = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${displayPath(pkgPath)}: not valid JSON: ${(error as Error).message}`, 'Fix the JSON syntax.');
  }
  if (typeof pkg.name !== 'string' || typeof pkg.version !== 'string') {
    throw new UserError(
      `${displayPath(pkgPath)}: needs "name" and "version" strings`,
      'Add them, e.g. "name": "@acme/connector-crm", "version": "0.1.0".',
    );
  }
  return {
    dir: root,
    name: pkg.name,
    version: pkg.version,
    entry: join(root, 'src', 'index.ts'),
    sources: [join(root, 'src'), pkgPath],
    bundle: join(root, 'dist', 'connector.mjs'),
    manifest: join(root, 'mova.manifest.json'),
    readme: join(root, 'README.md'),
  };
}
