import { type Static, Type } from '@mova/sdk';
import { type Confluence, cursorOf, webUrl } from './client.js';

interface SearchAnswer {
  results?: {
    content?: { id?: string; type?: string; title?: string; space?: { key?: string }; _links?: { webui?: string } };
    title?: string;
    excerpt?: string;
    url?: string;
    lastModified?: string;
    resultGlobalContainer?: { title?: string };
  }[];
  totalSize?: number;
  _links?: { next?: string };
}

export const searchHitSchema = Type.Object({
  id: Type.String({ description: 'Content id (a page id for pages)' }),
  type: Type.String({ description: 'page, blogpost, attachment or comment' }),
  title: Type.String({ description: 'Title' }),
  spaceKey: Type.Union([Type.String(), Type.Null()], { description: 'Key of the content’s space' }),
  excerpt: Type.String({ description: 'Text around the match, as Confluence highlights it' }),
  url: Type.Union([Type.String(), Type.Null()], { description: 'The content in the web UI' }),
  lastModified: Type.Union([Type.String(), Type.Null()], { description: 'When it last changed' }),
});

export type SearchHit = Static<typeof searchHitSchema>;

/**
 * One page of a CQL search (`GET /wiki/rest/api/search`, REST v1: v2 has no search), paged by the
 * cursor in `_links.next`.
 */
export async function searchContent(
  api: Confluence,
  query: { cql: string; limit: number; cursor?: string },
): Promise<{ results: SearchHit[]; totalSize: number; nextCursor: string | null }> {
  const { data } = await api.http.get<SearchAnswer>('/rest/api/search', {
    query: { cql: query.cql, limit: query.limit, cursor: query.cursor, expand: 'content.space' },
  });
  return {
    results: (data.results ?? []).map((hit) => ({
      id: hit.content?.id ?? '',
      type: hit.content?.type ?? '',
      title: hit.content?.title ?? hit.title ?? '',
      spaceKey: hit.content?.space?.key ?? null,
      excerpt: hit.excerpt ?? '',
      url: webUrl(api, hit.url ?? hit.content?._links?.webui),
      lastModified: hit.lastModified ?? null,
    })),
    totalSize: data.totalSize ?? data.results?.length ?? 0,
    nextCursor: cursorOf(data._links?.next),
  };
}
