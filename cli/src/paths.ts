import { isAbsolute, relative } from 'node:path';

/** How a file is named in messages: relative to the working folder when inside it, else absolute. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}
