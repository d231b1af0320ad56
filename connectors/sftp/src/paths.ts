import { posix } from 'node:path';
import { Type } from '@mova/sdk';
import type { ContentStore } from '@mova/sdk/content';

/** How the content kit names what this connector moves, in its messages. */
export const FILES: ContentStore = {
  item: 'file',
  largeItems: 'move the file with a transfer outside the workflow',
};

export const pathField = (description: string) =>
  Type.String({ minLength: 1, maxLength: 4096, pattern: '^[^\\x00]+$', description });

/** A path joined and normalised the way the server reads it (POSIX, `/`-separated). */
export function childPath(folder: string, name: string): string {
  return posix.join(folder, name);
}

export function parentOf(path: string): string {
  return posix.dirname(path);
}

/**
 * A shell-style name pattern (`*`, `?`, `[abc]`) as a regular expression over one name.
 * @example globToRegExp('*.csv').test('orders.csv') // true
 */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] ?? '';
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) source += '\\[';
      else {
        const body = pattern
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        source += `[${body}]`;
        i = end;
      }
    } else source += char.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
