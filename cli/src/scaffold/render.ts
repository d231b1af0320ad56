import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, extname, join, relative } from 'node:path';

export interface Placeholders {
  NAME: string;
  TITLE: string;
  PACKAGE: string;
  DESCRIPTION: string;
  SDK_DEP: string;
  CLI_DEP: string;
  RUNTIME_DEP: string;
}

const PLACEHOLDER = /__([A-Z][A-Z0-9_]*)__/g;
const SUFFIX = '.tmpl';

/**
 * Copies every `*.tmpl` file under `from` to `to` without the suffix, filling `__NAME__` and the
 * other placeholders. Returns the written paths, relative to `to`.
 */
export async function renderTemplate(from: string, to: string, values: Placeholders): Promise<string[]> {
  const written: string[] = [];
  for (const source of await templateFiles(from)) {
    const target = join(to, relative(from, source).slice(0, -SUFFIX.length));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, fill(await readFile(source, 'utf8'), values, target));
    written.push(relative(to, target));
  }
  return written.sort();
}

/** Every template file under `dir`; only `.tmpl` files are templates, so tools skip them in the repo. */
export async function templateFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(SUFFIX))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Fills the placeholders of one file. Values are escaped for where they land: inside JSON strings in
 * .json files and inside quoted strings in code, so a description with quotes cannot break either.
 */
export function fill(text: string, values: Placeholders, file: string): string {
  const escapeValue = escaperFor(extname(file));
  return text.replace(PLACEHOLDER, (match, key: string) =>
    key in values ? escapeValue(values[key as keyof Placeholders]) : match,
  );
}

/** The placeholder names used in `text`, to check a template uses only known ones. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

function escaperFor(extension: string): (value: string) => string {
  const json = (value: string) => JSON.stringify(value).slice(1, -1);
  if (extension === '.json') return json;
  // Code quotes strings with '…' (the repo's Biome style): a JSON escape, with `"` left bare
  // (escaping it there is useless) and `'` escaped instead.
  if (['.ts', '.mts', '.js', '.mjs'].includes(extension)) {
    return (value) => json(value).replaceAll('\\"', '"').replaceAll("'", "\\'");
  }
  return (value) => value;
}
