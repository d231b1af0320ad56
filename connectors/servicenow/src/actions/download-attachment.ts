import { defineAction, Type } from '@mova/sdk';
import { checkSize, contentOf, downloadedFields, downloadFields } from '@mova/sdk/content';
import { attachmentSchema, type RawAttachment, toAttachment } from '../attachment.js';
import { auth } from '../auth.js';
import { withServiceNow } from '../client.js';

const STORE = { item: 'attachment', largeItems: 'fetch it from its downloadUrl with the connection’s credentials' };

export const downloadAttachment = defineAction({
  auth,
  key: 'attachments.download',
  title: 'Download an attachment',
  description:
    'Reads an attachment’s metadata and content (GET /api/now/attachment/{sys_id} and …/file), as text or base64; refuses one over maxBytes before reading it.',
  input: Type.Object({
    attachmentSysId: Type.String({
      pattern: '^[0-9a-f]{32}$',
      description: 'sys_id of the attachment (from attachments.list)',
    }),
    ...downloadFields('attachment'),
  }),
  output: Type.Object({ attachment: attachmentSchema, ...downloadedFields('attachment') }),
  examples: [{ title: 'Read a log file', input: { attachmentSysId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' } }],
  async run({ input, auth, ctx }) {
    return withServiceNow(auth, ctx, async (api) => {
      const path = `/api/now/attachment/${input.attachmentSysId}`;
      const { data } = await api.http.get<{ result?: RawAttachment }>(path);
      const attachment = toAttachment(api, data.result ?? {});
      checkSize(attachment.sizeBytes, input.maxBytes, STORE, ctx.actionKey);
      const file = await api.http.get<Buffer>(`${path}/file`, { responseType: 'buffer', headers: { accept: '*/*' } });
      checkSize(file.data.length, input.maxBytes, STORE, ctx.actionKey);
      return {
        attachment,
        content: contentOf(file.data, input.encoding, STORE, ctx.actionKey),
        encoding: input.encoding,
      };
    });
  },
});
