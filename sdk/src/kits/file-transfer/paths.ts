import { posix } from 'node:path';
import type { ContentStore } from '../content/content.js';

/** How the content kit names what a file server moves, in its messages. */
export const FILES: ContentStore = {
  item: 'file',
  largeItems: 'move the file with a transfer outside the workflow',
};

/** A path joined and normalised the way a file server reads it (POSIX, `/`-separated). */
export function childPath(folder: string, name: string): string {
  return posix.join(folder, name);
}

/** The folder a path is in (`/` for a top-level name, `.` for a bare relative name). */
export function parentOf(path: string): string {
  return posix.dirname(path);
}

/** The last part of a path. */
export function nameOf(path: string): string {
  return posix.basename(path);
}

/**
 * A shell-style name pattern (`*`, `?`, `[abc]`, `[!abc]`) as a regular expression over one name.
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
