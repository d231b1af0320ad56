import type { Jira } from './client.js';

/** Most issues Jira gives per search page when all fields are asked for. */
export const PAGE_SIZE = 100;

export interface SearchPage {
  issues: unknown[];
  /** Where the next page starts, or null after the last page. */
  next: string | null;
  /** Matches in all (Data Center only; Cloud's enhanced search does not count). */
  total: number | null;
}

/**
 * One page of a JQL search. Cloud uses the enhanced search (`GET /rest/api/3/search/jql`, paged by
 * `nextPageToken`; the old `/search` is being removed there); Data Center uses `GET /rest/api/2/search`,
 * paged by `startAt`, whose offset is carried as the page token.
 */
export async function searchPage(
  jira: Jira,
  query: { jql: string; fields?: string[]; maxResults: number; pageToken?: string },
): Promise<SearchPage> {
  if (jira.deployment === 'cloud') {
    const page = await jira.v3.issueSearch.searchForIssuesUsingJqlEnhancedSearch({
      jql: query.jql,
      fields: query.fields ?? ['*navigable'],
      maxResults: query.maxResults,
      nextPageToken: query.pageToken,
    });
    const issues = page.issues ?? [];
    return { issues, next: page.nextPageToken && issues.length > 0 ? page.nextPageToken : null, total: null };
  }
  const startAt = query.pageToken ? Number.parseInt(query.pageToken, 10) || 0 : 0;
  const page = await jira.v2.issueSearch.searchForIssuesUsingJql({
    jql: query.jql,
    fields: query.fields,
    maxResults: query.maxResults,
    startAt,
  });
  const issues = page.issues ?? [];
  const reached = startAt + issues.length;
  const total = page.total ?? null;
  const more = issues.length > 0 && (total === null || reached < total);
  return { issues, next: more ? String(reached) : null, total };
}

/**
 * Up to `limit` issues, page after page from `pageToken`; `next` continues after the last one given.
 */
export async function searchIssues(
  jira: Jira,
  query: { jql: string; fields?: string[]; limit: number; pageToken?: string },
): Promise<SearchPage> {
  const issues: unknown[] = [];
  let token = query.pageToken;
  let total: number | null = null;
  for (;;) {
    const want = Math.min(PAGE_SIZE, query.limit - issues.length);
    const page = await searchPage(jira, { jql: query.jql, fields: query.fields, maxResults: want, pageToken: token });
    issues.push(...page.issues.slice(0, want));
    total = page.total;
    token = page.next ?? undefined;
    // A page cut short (the server's own cap) is continued from where the server says, not from `want`.
    if (!page.next || issues.length >= query.limit) return { issues, next: page.next, total };
  }
}
