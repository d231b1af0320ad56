/**
 * Reads pages (Octokit's `paginate.iterator`, which follows GitHub's Link header) until `limit` items
 * that pass `keep` are found, then stops without fetching further pages.
 * @example
 * const issues = await collect(octokit.paginate.iterator(octokit.rest.issues.listForRepo, params), 50);
 */
export async function collect<T>(
  pages: AsyncIterable<{ data: T[] }>,
  limit: number,
  keep: (item: T) => boolean = () => true,
): Promise<T[]> {
  const found: T[] = [];
  for await (const page of pages) {
    for (const item of page.data) {
      if (!keep(item)) continue;
      found.push(item);
      if (found.length === limit) return found;
    }
  }
  return found;
}

/** GitHub serves at most 100 items a page. */
export const pageSize = (limit: number) => Math.min(limit, 100);
