import { defineAction, Type } from '@mova/sdk';
import { attachmentSchema } from '../attachment.js';
import { auth } from '../auth.js';
import { cursorOf, webUrl, withConfluence } from '../client.js';
import { pageIdInput } from '../page.js';

interface RawAttachment {
  id?: string;
  title?: string;
  mediaType?: string;
  fileSize?: number;
  version?: { number?: number };
  downloadLink?: string;
  webuiLink?: string;
  _links?: { download?: string; webui?: string };
}
interface AttachmentPage {
  results?: RawAttachment[];
  _links?: { next?: string };
}

export const listAttachments = defineAction({
  auth,
  key: 'attachments.list',
  title: 'List a page’s attachments',
  description: 'Lists the files attached to a page, optionally only one file name or media type.',
  input: Type.Object({
    pageId: pageIdInput,
    filename: Type.Optional(Type.String({ minLength: 1, description: 'Only the attachment with this file name' })),
    mediaType: Type.Optional(Type.String({ minLength: 1, description: 'Only attachments of this MIME type' })),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Most attachments to return' }),
  }),
  output: Type.Object({
    attachments: Type.Array(attachmentSchema, { description: 'The attachments' }),
  }),
  examples: [{ title: 'Files on a page', input: { pageId: '65537' } }],
  async run({ input, auth, ctx }) {
    return withConfluence(auth, ctx, async (api) => {
      const attachments = [];
      for await (const raw of api.http.paginate<RawAttachment, AttachmentPage>({
        path: `/api/v2/pages/${input.pageId}/attachments`,
        query: { filename: input.filename, mediaType: input.mediaType, limit: Math.min(input.limit, 250) },
        strategy: {
          type: 'cursor',
          cursorParam: 'cursor',
          nextCursor: (response) => cursorOf(response.data._links?.next),
          items: (response) => response.data.results ?? [],
        },
      })) {
        attachments.push({
          id: raw.id ?? '',
          title: raw.title ?? '',
          mediaType: raw.mediaType ?? null,
          fileSize: raw.fileSize ?? null,
          version: raw.version?.number ?? null,
          downloadUrl: webUrl(api, raw.downloadLink ?? raw._links?.download),
          url: webUrl(api, raw.webuiLink ?? raw._links?.webui),
        });
        if (attachments.length >= input.limit) break;
      }
      return { attachments };
    });
  },
});
