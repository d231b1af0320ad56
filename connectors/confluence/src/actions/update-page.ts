import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withConfluence } from '../client.js';
import { bodyFormat, pageIdInput, pageSchema, toPage } from '../page.js';

export const updatePage = defineAction({
  auth,
  key: 'pages.update',
  title: 'Update a page',
  description:
    'Replaces a page’s body and/or title as a new version. Confluence needs the next version number: give the version the change was based on plus one to fail (conflict) when someone else saved in between, or leave it out to write over the newest version.',
  input: Type.Object({
    pageId: pageIdInput,
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'New title (default: unchanged)' })),
    body: Type.Optional(Type.String({ description: 'New content (default: unchanged)' })),
    bodyFormat: bodyFormat('Format of body: storage (default), wiki or atlas_doc_format'),
    version: Type.Optional(
      Type.Integer({
        minimum: 2,
        description: 'Version number this update creates (current + 1); left out, the newest version + 1 is used',
      }),
    ),
    versionMessage: Type.Optional(Type.String({ description: 'Note shown in the page history for this version' })),
    status: Type.Union([Type.Literal('current'), Type.Literal('draft')], {
      default: 'current',
      description: 'current publishes the change; draft saves it as a draft',
    }),
  }),
  output: pageSchema,
  examples: [
    {
      title: 'Append a status line',
      input: { pageId: '65537', body: '<p>Status: <strong>green</strong></p>', versionMessage: 'Daily status' },
    },
  ],
  async run({ input, auth, ctx }) {
    return withConfluence(auth, ctx, async (api) => {
      const path = `/api/v2/pages/${input.pageId}`;
      // The title and, without a new body, the body are required by PUT: keep the current ones.
      const needsCurrent = input.version === undefined || input.title === undefined || input.body === undefined;
      const current = needsCurrent
        ? (
            await api.http.get<{
              title?: string;
              version?: { number?: number };
              body?: { storage?: { value?: string } };
            }>(path, { query: { 'body-format': 'storage' } })
          ).data
        : undefined;
      const body =
        input.body !== undefined
          ? { representation: input.bodyFormat, value: input.body }
          : { representation: 'storage', value: current?.body?.storage?.value ?? '' };
      const { data } = await api.http.put(path, {
        query: { 'body-format': 'storage' },
        json: {
          id: input.pageId,
          status: input.status,
          title: input.title ?? current?.title,
          body,
          version: { number: input.version ?? (current?.version?.number ?? 0) + 1, message: input.versionMessage },
        },
      });
      return toPage(api, data);
    });
  },
});
