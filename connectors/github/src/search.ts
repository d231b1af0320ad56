import { type TSchema, Type } from '@mova/sdk';
import { pageSize } from './paginate.js';

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
 */
async function searchPages<T>(
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

/** What every search takes besides `q` and `sort`: the order and how many results. */
export const searchFields = {
  order: Type.Optional(
    Type.Union([Type.Literal('asc'), Type.Literal('desc')], { description: 'Sort order when sort is set.' }),
  ),
  limit: Type.Integer({
    minimum: 1,
    maximum: 1000,
    default: 30,
    description: 'Most results to return (1-1000; GitHub serves no more than 1000 per search).',
  }),
};

/** What every search answers: the counts, and the matching `items`. */
export const searchOutput = <T extends TSchema>(items: T) =>
  Type.Object({
    total_count: Type.Integer({ description: 'How many matched in all, beyond those returned.' }),
    incomplete_results: Type.Boolean({ description: 'True when GitHub stopped the search early (timeout).' }),
    items,
  });

/**
 * Runs a search action's input (the search's parameters and `limit`) through `request`, a page at a
 * time, up to `limit` results.
 * @example
 * const found = await search(input, (params) => octokit.rest.search.repos(params));
 */
export function search<P extends { limit: number }, T>(
  input: P,
  request: (params: Omit<P, 'limit'> & { per_page: number; page: number | undefined }) => Promise<SearchPage<T>>,
): Promise<{ total_count: number; incomplete_results: boolean; items: T[] }> {
  const { limit, ...params } = input;
  const per_page = pageSize(limit);
  return searchPages((page) => request({ ...params, per_page, page }), limit);
}
