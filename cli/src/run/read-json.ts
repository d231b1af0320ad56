import { readFile } from 'node:fs/promises';
import { displayPath } from '../paths.js';
import { UserError } from '../user-error.js';
import { describeJsonError } from './json-syntax.js';

/**
 * Reads a JSON file the user named on the command line. A missing file or a syntax error is a
 * usage error (exit 2) naming the file, and for syntax errors the line and column.
 * @example
 * const { text, value } = await readJsonFile('flows/hello.json', 'workflow');
 */
export async function readJsonFile(path: string, role: string): Promise<{ text: string; value: unknown }> {
  const shown = displayPath(path);
  let text: string;
  try {
    // Editors on Windows may start the file with a byte order mark, which JSON.parse refuses.
    text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`${shown}: no such ${role} file`, 'Check the path.');
    if (code === 'EISDIR') throw new UserError(`${shown} is a folder, not a ${role} file`, 'Pass a .json file.');
    throw new UserError(`cannot read the ${role} file ${shown}: ${(error as Error).message}`, 'Check the path.');
  }
  try {
    return { text, value: JSON.parse(text) };
  } catch (error) {
    const { line, column, reason } = describeJsonError(text, (error as Error).message);
    throw new UserError(`${shown}:${line}:${column}: not valid JSON: ${reason}`, 'Fix the JSON syntax at that spot.');
  }
}
