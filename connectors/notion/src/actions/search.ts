import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withNotion } from '../client.js';
import { richText } from '../pages.js';
import { pageSizeField, pagingOutput, startCursorField } from '../schemas.js';

export const search = defineAction({
  auth,
  key: 'search',
  title: 'Search pages and databases',
  description:
    'Searches the titles of the pages and data sources (databases) shared with the integration, optionally only one kind, sorted by last edit or by relevance, one page of results at a time.',
  input: Type.Object({
    query: Type.Optional(
      Type.String({ description: 'Text to look for in titles; everything shared with the integration when left out' }),
    ),
    objectType: Type.Optional(
      Type.Union([Type.Literal('page'), Type.Literal('data_source')], {
        description: 'Only pages, or only data sources (databases); both when left out',
      }),
    ),
    sort: Type.Union([Type.Literal('relevance'), Type.Literal('last_edited_desc'), Type.Literal('last_edited_asc')], {
      default: 'relevance',
      description: 'Order: relevance (default), or last edit time newest or oldest first',
    }),
    pageSize: pageSizeField,
    startCursor: startCursorField,
  }),
  output: Type.Object({
    results: Type.Array(
      Type.Object({
        object: Type.String({ description: 'page or data_source' }),
        id: Type.String({ description: 'Its id' }),
        title: Type.String({ description: 'Its title in plain text' }),
        url: Type.Union([Type.String(), Type.Null()], { description: 'Link to it in Notion, when Notion gives one' }),
        createdTime: Type.Union([Type.String(), Type.Null()], { description: 'When it was created' }),
        lastEditedTime: Type.Union([Type.String(), Type.Null()], { description: 'When it was last edited' }),
      }),
      { description: 'What matched, on this page of results' },
    ),
    ...pagingOutput,
  }),
  examples: [{ input: { query: 'Roadmap', objectType: 'page', sort: 'last_edited_desc', pageSize: 10 } }],
  async run({ input, auth, ctx }) {
    const response = await withNotion(auth, ctx, (notion) =>
      notion.search({
        ...(input.query ? { query: input.query } : {}),
        ...(input.objectType ? { filter: { property: 'object', value: input.objectType } } : {}),
        ...(input.sort === 'relevance'
          ? {}
          : {
              sort: {
                timestamp: 'last_edited_time',
                direction: input.sort === 'last_edited_asc' ? 'ascending' : 'descending',
              },
            }),
        page_size: input.pageSize,
        ...(input.startCursor ? { start_cursor: input.startCursor } : {}),
      }),
    );
    return {
      results: response.results.map((result) => ({
        object: result.object,
        id: result.id,
        title: titleOf(result),
        url: 'url' in result ? result.url : null,
        createdTime: 'created_time' in result ? result.created_time : null,
        lastEditedTime: 'last_edited_time' in result ? result.last_edited_time : null,
      })),
      nextCursor: response.next_cursor,
      hasMore: response.has_more,
    };
  },
});

/** A data source's title, or the text of a page's title property. */
function titleOf(result: object): string {
  if ('title' in result && Array.isArray(result.title)) return richText(result.title);
  if ('properties' in result && typeof result.properties === 'object' && result.properties !== null) {
    for (const property of Object.values(result.properties)) {
      if (property?.type === 'title' && Array.isArray(property.title)) return richText(property.title);
    }
  }
  return '';
}
