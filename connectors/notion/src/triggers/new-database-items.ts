import { defineTrigger, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withNotion } from '../client.js';
import { databaseFields, dataSourceIdOf } from '../data-source.js';
import { pageSchema, pagesOf } from '../pages.js';
import type { QueryFilter } from '../schemas.js';

export const newDatabaseItems = defineTrigger({
  auth,
  kind: 'polling',
  key: 'databaseItems.new',
  title: 'New database items',
  description:
    'Starts a workflow for each item (page) added to a database: each poll reads the newest items by created_time and emits those not emitted before (by id), oldest first. Items still in the database’s trash are left out.',
  input: Type.Object({
    ...databaseFields,
    filter: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description:
          'Only items matching this Notion filter object, e.g. { "property": "Type", "select": { "equals": "Bug" } }',
      }),
    ),
    pageSize: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 100,
      description: 'Newest items read per poll (default 100); more new ones than this between two polls are missed',
    }),
  }),
  output: pageSchema,
  dedupe: { by: 'id', field: 'id' },
  examples: [{ title: 'New bug reports', input: { databaseId: '8e2c2b76-9b0c-4d4e-9e6c-0f1d2a3b4c5d' } }],
  async poll({ input, auth, ctx }) {
    const response = await withNotion(auth, ctx, async (notion) =>
      notion.dataSources.query({
        data_source_id: await dataSourceIdOf(notion, input, ctx.actionKey),
        ...(input.filter ? { filter: input.filter as QueryFilter } : {}),
        sorts: [{ timestamp: 'created_time', direction: 'descending' }],
        page_size: input.pageSize,
      }),
    );
    return pagesOf(response.results).reverse();
  },
});
