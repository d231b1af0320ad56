import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withNotion } from '../client.js';
import { mustBeFull, pageOf, pageSchema } from '../pages.js';
import { type PagePropertiesRequest, pageIdField, propertiesField } from '../schemas.js';

export const updatePage = defineAction({
  auth,
  key: 'pages.update',
  title: 'Update page properties',
  description:
    'Changes property values of a page or database item; properties left out keep their values. Gives the page as it is after the change.',
  input: Type.Object({
    pageId: pageIdField,
    properties: propertiesField(
      'Property values to set by property name, as Notion’s page property value objects, e.g. { "Status": { "status": { "name": "Done" } }, "Points": { "number": 3 } }',
    ),
  }),
  output: pageSchema,
  examples: [
    {
      input: {
        pageId: '59833787-2cf9-4fdf-8782-e53db20768a5',
        properties: { Status: { status: { name: 'Done' } }, Points: { number: 3 } },
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const page = await withNotion(auth, ctx, (notion) =>
      // Open JSON in the step's input: Notion checks each value against the page's properties.
      notion.pages.update({ page_id: input.pageId, properties: input.properties as PagePropertiesRequest }),
    );
    return mustBeFull(pageOf(page), ctx.actionKey);
  },
});
