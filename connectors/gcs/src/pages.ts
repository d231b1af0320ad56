/** `{ nextPageToken }` when the library's loosely typed "next query" carries one, else `{}`. */
export function nextPage(nextQuery: unknown): { nextPageToken?: string } {
  return typeof nextQuery === 'object' &&
    nextQuery !== null &&
    'pageToken' in nextQuery &&
    typeof nextQuery.pageToken === 'string'
    ? { nextPageToken: nextQuery.pageToken }
    : {};
}

/** The "folders" objects.list reports when a delimiter is set (the raw response's prefixes). */
export function prefixesOf(apiResponse: unknown): string[] {
  if (typeof apiResponse !== 'object' || apiResponse === null || !('prefixes' in apiResponse)) return [];
  const { prefixes } = apiResponse;
  return Array.isArray(prefixes) ? prefixes.filter((p): p is string => typeof p === 'string') : [];
}
