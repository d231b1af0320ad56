/** One page of a search as Octokit's paginator hands it over: the items, with GitHub's counts attached. */
interface SearchPage<T> {
  data: T[] & { total_count: number; incomplete_results: boolean };
}

/**
 * Reads search result pages (following the Link header) until `limit` items, keeping the counts of the
 * first page. GitHub serves no more than 1000 results per search, which bounds the loop.
 */
export async function searchPages<T>(
  pages: AsyncIterable<SearchPage<T>>,
  limit: number,
): Promise<{ total_count: number; incomplete_results: boolean; items: T[] }> {
  let total_count = 0;
  let incomplete_results = false;
  const items: T[] = [];
  for await (const page of pages) {
    if (items.length === 0) total_count = page.data.total_count;
    incomplete_results ||= page.data.incomplete_results;
    items.push(...page.data.slice(0, limit - items.length));
    if (items.length >= limit) break;
  }
  return { total_count, incomplete_results, items };
}
