/** What a listing needs of an entry. */
export interface ListedEntry {
  name: string;
  type: 'file' | 'directory' | 'symlink' | 'other';
}

export interface ListOptions {
  /** Only names matching this shell-style pattern (see `globToRegExp`). */
  pattern?: RegExp;
  /** Only files, only folders, or both. */
  type: 'any' | 'file' | 'directory';
  /** Most entries to return. */
  limit: number;
}

/**
 * A `files.list` output from a folder's raw entries: `.` and `..` left out, filtered by pattern and
 * type, sorted by name (code unit order, the same on every server), cut at `limit`.
 */
export function listing<E extends ListedEntry>(
  path: string,
  entries: readonly E[],
  options: ListOptions,
): { path: string; entries: E[]; count: number; truncated: boolean } {
  const kept = entries
    .filter((entry) => entry.name !== '.' && entry.name !== '..')
    .filter((entry) => !options.pattern || options.pattern.test(entry.name))
    .filter((entry) => options.type === 'any' || entry.type === options.type)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    path,
    entries: kept.slice(0, options.limit),
    count: Math.min(kept.length, options.limit),
    truncated: kept.length > options.limit,
  };
}
