import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withNotion } from '../client.js';
import { databaseFields, dataSourceIdOf } from '../data-source.js';
import { mustBeFull, pageOf, pageSchema } from '../pages.js';
import {
  type BlocksRequest,
  blocksField,
  type PageIconRequest,
  type PagePropertiesRequest,
  paragraphs,
  propertiesField,
} from '../schemas.js';

export const createPage = defineAction({
  auth,
  key: 'pages.create',
  title: 'Create a page',
  description:
    'Creates a page: an item (row) in a database with its property values, or a sub-page of a page with a title. Content can be added as blocks or as plain text paragraphs.',
  input: Type.Object({
    ...databaseFields,
    parentPageId: Type.Optional(
      Type.String({ minLength: 1, description: 'Id of the page to create a sub-page in (instead of a database)' }),
    ),
    title: Type.Optional(
      Type.String({
        description: 'Title of a sub-page; in a database set the title property through properties instead',
      }),
    ),
    properties: Type.Optional(
      propertiesField(
        'Property values by property name, as Notion’s page property value objects, e.g. { "Name": { "title": [{ "text": { "content": "Fix login" } }] }, "Status": { "status": { "name": "In progress" } } }',
      ),
    ),
    children: Type.Optional(blocksField('Content blocks (Notion block objects, up to 100)')),
    text: Type.Optional(Type.String({ description: 'Content as plain text: one paragraph per line, after children' })),
    icon: Type.Optional(Type.String({ minLength: 1, description: 'An emoji for the page icon, e.g. 🐞' })),
  }),
  output: pageSchema,
  examples: [
    {
      title: 'A task in a tasks database',
      input: {
        databaseId: '8e2c2b76-9b0c-4d4e-9e6c-0f1d2a3b4c5d',
        properties: {
          Name: { title: [{ text: { content: 'Fix login' } }] },
          Status: { status: { name: 'In progress' } },
          Priority: { select: { name: 'High' } },
        },
        text: 'Users on Safari cannot sign in.',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const inDatabase = input.databaseId !== undefined || input.dataSourceId !== undefined;
    if (inDatabase === (input.parentPageId !== undefined)) {
      throw new ConnectorError(
        'give the database (databaseId or dataSourceId) or the parentPageId the page goes in, one of them',
        { kind: 'invalid_input', actionKey: ctx.actionKey },
      );
    }
    const properties: Record<string, unknown> = { ...input.properties };
    if (input.title !== undefined) properties.title = { title: [{ text: { content: input.title } }] };
    const children = [...(input.children ?? []), ...(input.text ? paragraphs(input.text) : [])];
    const page = await withNotion(auth, ctx, async (notion) => {
      const parent = input.parentPageId
        ? { page_id: input.parentPageId }
        : { data_source_id: await dataSourceIdOf(notion, input, ctx.actionKey) };
      return notion.pages.create({
        parent,
        // Open JSON in the step's input: Notion checks each value against the data source's schema.
        properties: properties as PagePropertiesRequest,
        ...(children.length > 0 ? { children: children as BlocksRequest } : {}),
        ...(input.icon ? { icon: { type: 'emoji', emoji: input.icon } as PageIconRequest } : {}),
      });
    });
    return mustBeFull(pageOf(page), ctx.actionKey);
  },
});
