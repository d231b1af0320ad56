import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LOCKFILE_NAME } from '@mova/runtime/lockfile';
import { isRecord } from '../run/is-record.js';

/** A workflow file of the project and its text. */
export interface WorkflowFile {
  path: string;
  text: string;
}

// Folders that hold no workflows of the project.
const SKIPPED = new Set(['node_modules', 'dist']);
const NOT_WORKFLOWS = new Set([LOCKFILE_NAME, 'package.json', 'package-lock.json', 'tsconfig.json']);
const MAX_DEPTH = 6;

/**
 * The project's workflow files: `.json` files under `dir` (not in node_modules, dist or dot
 * folders) whose top level has `"mova"`, or that do not parse but mention `"mova"` (a broken
 * workflow is still one to report).
 */
export async function findWorkflowFiles(dir: string): Promise<WorkflowFile[]> {
  const found: WorkflowFile[] = [];
  for (const path of await jsonFiles(dir, 0)) {
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      if (/"mova"\s*:/.test(text)) found.push({ path, text });
      continue;
    }
    if (isRecord(document) && 'mova' in document) found.push({ path, text });
  }
  return found;
}

/** Connection names the workflows declare, by the package they are for (`github` → `@mova/connector-github`). */
export function declaredConnections(files: WorkflowFile[]): Map<string, string[]> {
  const byPackage = new Map<string, string[]>();
  for (const { text } of files) {
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      continue;
    }
    if (!isRecord(document) || !isRecord(document.connections)) continue;
    for (const [name, declared] of Object.entries(document.connections)) {
      if (!isRecord(declared) || typeof declared.connector !== 'string') continue;
      const pkg = declared.connector.startsWith('@') ? declared.connector : `@mova/connector-${declared.connector}`;
      const names = byPackage.get(pkg) ?? [];
      if (!names.includes(name)) names.push(name);
      byPackage.set(pkg, names.sort());
    }
  }
  return byPackage;
}

async function jsonFiles(dir: string, depth: number): Promise<string[]> {
  if (depth > MAX_DEPTH) return [];
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        return entry.name.startsWith('.') || SKIPPED.has(entry.name) ? [] : jsonFiles(path, depth + 1);
      }
      return entry.isFile() && entry.name.endsWith('.json') && !NOT_WORKFLOWS.has(entry.name) ? [path] : [];
    }),
  );
  return nested.flat().sort();
}
