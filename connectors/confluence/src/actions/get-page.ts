import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withConfluence } from '../client.js';
import { pageIdInput, pageSchema, toPage } from '../page.js';

export const getPage = defineAction({
  auth,
  key: 'pages.get',
  title: 'Get a page',
  description:
    'Reads a page by id: title, space, parent, version number, web link and its body in the format asked for.',
  input: Type.Object({
    pageId: pageIdInput,
    bodyFormat: Type.Union([Type.Literal('storage'), Type.Literal('atlas_doc_format'), Type.Literal('view')], {
      default: 'storage',
      description: 'storage (XHTML as stored, default), atlas_doc_format (ADF JSON) or view (rendered HTML)',
    }),
  }),
  output: pageSchema,
  examples: [{ title: 'Read a page', input: { pageId: '65537' } }],
  async run({ input, auth, ctx }) {
    return withConfluence(auth, ctx, async (api) => {
      const { data } = await api.http.get(`/api/v2/pages/${input.pageId}`, {
        query: { 'body-format': input.bodyFormat },
      });
      return toPage(api, data);
    });
  },
});
