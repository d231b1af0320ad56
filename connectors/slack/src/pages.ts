/** One page of a cursor-paginated Slack method. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** Slack recommends pages of at most 200 items (docs.slack.dev, "Pagination"). */
export const PAGE_SIZE = 200;

/**
 * Follows Slack's cursor until `limit` items are collected or the list ends. Each request asks only
 * for what is still missing, so no page is cut short and the returned cursor resumes exactly after
 * the last item returned.
 */
export async function collectPages<T>(
  limit: number,
  startCursor: string | undefined,
  fetchPage: (cursor: string | undefined, pageSize: number) => Promise<Page<T>>,
): Promise<Page<T>> {
  const items: T[] = [];
  let cursor = startCursor;
  do {
    const page = await fetchPage(cursor, Math.min(limit - items.length, PAGE_SIZE));
    items.push(...page.items);
    // Slack ends a list with an empty next_cursor rather than omitting it.
    cursor = page.nextCursor || undefined;
  } while (cursor && items.length < limit);
  return { items, nextCursor: cursor };
}
