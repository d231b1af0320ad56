import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseWorkflow } from '@mova/runtime';
import { LOCKFILE_NAME } from '@mova/runtime/lockfile';
import { BUILTIN_NAMES, parseUses, workflowUsage } from '@mova/runtime/workflow-tools';
import { isRecord } from '../run/is-record.js';
import type { WorkflowUsage } from './usage-breaks.js';

/** A connector range some workflow in the project asks for. */
export interface WantedRange {
  package: string;
  range: string;
  /** The workflow files that ask for it. */
  files: string[];
}

// Folders that hold no workflows of the project; walking them would only cost time.
const SKIPPED = new Set(['node_modules', 'dist']);
const MAX_DEPTH = 6;

/**
 * Every connector range the project's workflows use: JSON files with `"mova"` and `"steps"`,
 * found under `dir` (not in node_modules, dist or dot folders). Unreadable or invalid files are
 * skipped: `run` and `validate` report those.
 */
export async function workflowRanges(dir: string): Promise<WantedRange[]> {
  const wanted = new Map<string, WantedRange>();
  for (const file of await jsonFiles(dir, 0)) {
    let document: unknown;
    try {
      document = JSON.parse(await readFile(file, 'utf8'));
    } catch {
      continue;
    }
    if (!isRecord(document) || typeof document.mova !== 'string' || !Array.isArray(document.steps)) continue;
    // A connector trigger (`"trigger": { "uses": "github/issues.new@^1" }`) is locked like a step.
    const trigger =
      isRecord(document.trigger) && typeof document.trigger.uses === 'string' ? [document.trigger.uses] : [];
    for (const uses of [...trigger, ...usesIn(document.steps)]) {
      const parsed = parseUses(uses, BUILTIN_NAMES);
      if (!parsed.ok || parsed.ref.kind !== 'connector') continue;
      const key = `${parsed.ref.package}@${parsed.ref.range}`;
      const entry = wanted.get(key) ?? { package: parsed.ref.package, range: parsed.ref.range, files: [] };
      if (!entry.files.includes(file)) entry.files.push(file);
      wanted.set(key, entry);
    }
  }
  return [...wanted.values()].sort((a, b) => `${a.package}@${a.range}`.localeCompare(`${b.package}@${b.range}`));
}

/**
 * What each workflow of the project uses of its connectors (see workflowUsage), for judging an
 * upgrade against it. Files that are not valid workflows are skipped, as in workflowRanges.
 */
export async function projectUsage(dir: string): Promise<WorkflowUsage[]> {
  const out: WorkflowUsage[] = [];
  for (const file of await jsonFiles(dir, 0)) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
      const document: unknown = JSON.parse(text);
      if (!isRecord(document) || typeof document.mova !== 'string' || !Array.isArray(document.steps)) continue;
      out.push({ file, steps: workflowUsage(parseWorkflow(text)) });
    } catch {}
  }
  return out;
}

/** The `uses` strings of steps, nested ones included; `with` and `set` hold data, not steps. */
function usesIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(usesIn);
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, item]) => {
    if (key === 'uses') return typeof item === 'string' ? [item] : [];
    return key === 'with' || key === 'set' ? [] : usesIn(item);
  });
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
      const isWorkflow = entry.isFile() && entry.name.endsWith('.json');
      return isWorkflow && entry.name !== LOCKFILE_NAME && entry.name !== 'package.json' ? [path] : [];
    }),
  );
  return nested.flat().sort();
}
