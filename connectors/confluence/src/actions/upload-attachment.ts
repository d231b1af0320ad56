import { defineAction, Type } from '@mova/sdk';
import { bytesOf, defaultContentType, uploadFields } from '@mova/sdk/content';
import { attachmentSchema } from '../attachment.js';
import { auth } from '../auth.js';
import { webUrl, withConfluence } from '../client.js';
import { pageIdInput } from '../page.js';
import { postMultipart } from '../upload.js';

interface UploadAnswer {
  results?: {
    id?: string;
    title?: string;
    version?: { number?: number };
    extensions?: { mediaType?: string; fileSize?: number };
    metadata?: { mediaType?: string };
    _links?: { download?: string; webui?: string };
  }[];
}

export const uploadAttachment = defineAction({
  auth,
  key: 'attachments.upload',
  title: 'Attach a file to a page',
  description:
    'Uploads a file to a page as an attachment; a file of the same name becomes a new version of that attachment. Content is text or base64. Uses the REST v1 attachment endpoint: REST v2 has no upload.',
  input: Type.Object({
    pageId: pageIdInput,
    filename: Type.String({ minLength: 1, maxLength: 255, description: 'File name, e.g. report.pdf' }),
    ...uploadFields(),
    comment: Type.Optional(Type.String({ description: 'Comment stored with this version of the attachment' })),
    minorEdit: Type.Boolean({ default: true, description: 'Do not notify watchers (default true)' }),
  }),
  output: attachmentSchema,
  examples: [
    {
      title: 'Attach a CSV export',
      input: { pageId: '65537', filename: 'export.csv', content: 'id,total\n1,42\n', contentType: 'text/csv' },
    },
  ],
  async run({ input, auth, ctx }) {
    return withConfluence(auth, ctx, async (api) => {
      const bytes = bytesOf(input.content, input.encoding, ctx.actionKey);
      const form = new FormData();
      form.append(
        'file',
        new Blob([bytes], { type: input.contentType ?? defaultContentType(input.encoding) }),
        input.filename,
      );
      form.append('minorEdit', String(input.minorEdit));
      if (input.comment !== undefined) form.append('comment', input.comment);
      // PUT creates the attachment, or a new version of one with the same name (POST would refuse that).
      const answer = (await postMultipart(api, `/rest/api/content/${input.pageId}/child/attachment`, form, 'PUT')) as
        | UploadAnswer
        | undefined;
      const stored = answer?.results?.[0];
      return {
        id: stored?.id ?? '',
        title: stored?.title ?? input.filename,
        mediaType: stored?.extensions?.mediaType ?? stored?.metadata?.mediaType ?? null,
        fileSize: stored?.extensions?.fileSize ?? bytes.length,
        version: stored?.version?.number ?? null,
        downloadUrl: webUrl(api, stored?._links?.download),
        url: webUrl(api, stored?._links?.webui),
      };
    });
  },
});
