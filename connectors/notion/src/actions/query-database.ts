import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withNotion } from '../client.js';
import { databaseFields, dataSourceIdOf } from '../data-source.js';
import { pageSchema, pagesOf } from '../pages.js';
import { pageSizeField, pagingOutput, type QueryFilter, type QuerySorts, startCursorField } from '../schemas.js';

export const queryDatabase = defineAction({
  auth,
  key: 'databases.query',
  title: 'Query a database',
  description:
    'Finds the items (pages) of a database that match a filter, in the order of the sorts, one page of results at a time (start_cursor paging). Filters and sorts are Notion’s own JSON: property filters such as { "property": "Status", "status": { "equals": "Done" } }, and/or groups, created_time and last_edited_time filters.',
  input: Type.Object({
    ...databaseFields,
    filter: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description:
          'A Notion filter object, e.g. { "and": [{ "property": "Done", "checkbox": { "equals": false } }, { "property": "Points", "number": { "greater_than": 2 } }] }',
      }),
    ),
    sorts: Type.Optional(
      Type.Array(Type.Record(Type.String(), Type.Unknown()), {
        description:
          'Sort criteria in order, e.g. [{ "property": "Due", "direction": "ascending" }, { "timestamp": "created_time", "direction": "descending" }]',
      }),
    ),
    pageSize: pageSizeField,
    startCursor: startCursorField,
  }),
  output: Type.Object({
    pages: Type.Array(pageSchema, { description: 'The matching items of this page of results' }),
    ...pagingOutput,
  }),
  examples: [
    {
      title: 'Open tasks, newest first',
      input: {
        databaseId: '8e2c2b76-9b0c-4d4e-9e6c-0f1d2a3b4c5d',
        filter: { property: 'Status', status: { does_not_equal: 'Done' } },
        sorts: [{ timestamp: 'created_time', direction: 'descending' }],
        pageSize: 50,
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const response = await withNotion(auth, ctx, async (notion) =>
      notion.dataSources.query({
        data_source_id: await dataSourceIdOf(notion, input, ctx.actionKey),
        // Open JSON in the step's input: Notion checks it against the data source's properties.
        ...(input.filter ? { filter: input.filter as QueryFilter } : {}),
        ...(input.sorts ? { sorts: input.sorts as QuerySorts } : {}),
        page_size: input.pageSize,
        ...(input.startCursor ? { start_cursor: input.startCursor } : {}),
      }),
    );
    return { pages: pagesOf(response.results), nextCursor: response.next_cursor, hasMore: response.has_more };
  },
});
