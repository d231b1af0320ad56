/** One page of a search as GitHub documents it: the counts and the `items` (other fields come and go). */
interface SearchPage<T> {
  data: { total_count: number; incomplete_results: boolean; items: T[] };
  headers: { link?: string };
}

/**
 * Reads search result pages until `limit` items, keeping the count of the first page. GitHub serves no
 * more than 1000 results per search, which bounds the loop.
 *
 * Octokit's paginator is not used here: it takes the first field other than the counts as the item list,
 * and GitHub now sends `search_type` before `items`. Pages are asked for by number (what the Link
 * header's next page says), so every request stays on the connection's API root.
 * @example
 * const found = await searchPages((page) => octokit.rest.search.repos({ q, per_page: 100, page }), 250);
 */
export async function searchPages<T>(
  search: (page: number | undefined) => Promise<SearchPage<T>>,
  limit: number,
): Promise<{ total_count: number; incomplete_results: boolean; items: T[] }> {
  let total_count = 0;
  let incomplete_results = false;
  const items: T[] = [];
  for (let page = 1; ; page++) {
    // The first request leaves page out, as a search without paging does.
    const { data, headers } = await search(page === 1 ? undefined : page);
    if (page === 1) total_count = data.total_count;
    incomplete_results ||= data.incomplete_results;
    items.push(...data.items.slice(0, limit - items.length));
    if (items.length >= limit || data.items.length === 0 || !hasNextPage(headers.link)) break;
  }
  return { total_count, incomplete_results, items };
}

const hasNextPage = (link: string | undefined) => link !== undefined && /rel="next"/.test(link);
