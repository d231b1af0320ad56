import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { invalidInput, withConfluence } from '../client.js';
import { bodyFormat, pageSchema, toPage } from '../page.js';
import { spaceIdOf } from '../spaces.js';

export const createPage = defineAction({
  auth,
  key: 'pages.create',
  title: 'Create a page',
  description:
    'Creates a page in a space, at its top or under a parent page, with a body in storage format (Confluence XHTML), wiki markup or Atlassian Document Format; published at once or kept as a draft.',
  input: Type.Object({
    spaceKey: Type.Optional(
      Type.String({ minLength: 1, description: 'Key of the space, e.g. ENG (give this or spaceId)' }),
    ),
    spaceId: Type.Optional(
      Type.String({ pattern: '^[0-9]+$', description: 'Id of the space (give this or spaceKey)' }),
    ),
    title: Type.String({ minLength: 1, maxLength: 255, description: 'Page title, unique in the space' }),
    body: Type.String({
      description: 'Page content, e.g. "<p>Hello <strong>world</strong></p>" in storage format',
    }),
    bodyFormat: bodyFormat(
      'Format of body: storage (XHTML, default), wiki (wiki markup) or atlas_doc_format (ADF JSON)',
    ),
    parentId: Type.Optional(Type.String({ pattern: '^[0-9]+$', description: 'Id of the parent page' })),
    status: Type.Union([Type.Literal('current'), Type.Literal('draft')], {
      default: 'current',
      description: 'current publishes the page; draft keeps it as a draft',
    }),
  }),
  output: pageSchema,
  examples: [
    {
      title: 'Publish release notes',
      input: {
        spaceKey: 'ENG',
        title: 'Release 2.4 notes',
        body: '<h2>Highlights</h2><ul><li>Faster checkout</li></ul>',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withConfluence(auth, ctx, async (api) => {
      if (!input.spaceId === !input.spaceKey) {
        throw invalidInput('give either spaceKey or spaceId', ctx.actionKey);
      }
      const spaceId = input.spaceId ?? (await spaceIdOf(api, input.spaceKey ?? ''));
      const { data } = await api.http.post('/api/v2/pages', {
        query: { 'body-format': 'storage' },
        json: {
          spaceId,
          status: input.status,
          title: input.title,
          parentId: input.parentId,
          body: { representation: input.bodyFormat, value: input.body },
        },
      });
      return toPage(api, data);
    });
  },
});
