import { readFile } from 'node:fs/promises';
import type { Manifest } from '@mova/sdk';
import writeFileAtomic from 'write-file-atomic';
import { displayPath } from '../paths.js';
import { UserError } from '../user-error.js';
import { renderReference } from './reference.js';

export const REFERENCE_START = '<!-- mova:reference:start -->';
export const REFERENCE_END = '<!-- mova:reference:end -->';

export type ReadmeChange = 'created' | 'updated' | 'unchanged';

/**
 * Regenerates the reference section of README.md between the markers; appends markers and section
 * when absent, and writes a README when there is none. Leaves everything outside the markers alone.
 */
export async function updateReadme(file: string, manifest: Manifest): Promise<ReadmeChange> {
  const section = renderReference(manifest);
  const current = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (current === undefined) {
    await writeFileAtomic(file, `# ${manifest.title}\n\n${manifest.description}\n\n${wrap(section)}\n`);
    return 'created';
  }
  const next = spliceReference(current, section, displayPath(file));
  if (next === current) return 'unchanged';
  await writeFileAtomic(file, next);
  return 'updated';
}

/** Puts `section` between the markers in `text` (or appends both); `where` names the file in errors. */
export function spliceReference(text: string, section: string, where = 'README.md'): string {
  const start = text.indexOf(REFERENCE_START);
  const end = text.indexOf(REFERENCE_END);
  if (start === -1 && end === -1) {
    return `${text.trimEnd()}\n\n${wrap(section)}\n`;
  }
  if (start === -1 || end === -1 || end < start) {
    const line = (index: number) => text.slice(0, index).split('\n').length;
    const problem =
      start === -1
        ? `has ${REFERENCE_END} (line ${line(end)}) but no ${REFERENCE_START}`
        : end === -1
          ? `has ${REFERENCE_START} (line ${line(start)}) but no ${REFERENCE_END}`
          : `has ${REFERENCE_END} (line ${line(end)}) before ${REFERENCE_START} (line ${line(start)})`;
    throw new UserError(
      `${where}: ${problem}`,
      `Put ${REFERENCE_START} before ${REFERENCE_END}, or remove both to have the section appended.`,
      1,
    );
  }
  return `${text.slice(0, start)}${wrap(section)}${text.slice(end + REFERENCE_END.length)}`;
}

function wrap(section: string): string {
  return `${REFERENCE_START}\n${section}\n${REFERENCE_END}`;
}
