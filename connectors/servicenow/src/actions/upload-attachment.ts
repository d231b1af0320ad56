import { defineAction, Type } from '@mova/sdk';
import { bytesOf, defaultContentType, uploadFields } from '@mova/sdk/content';
import { attachmentSchema, type RawAttachment, toAttachment } from '../attachment.js';
import { auth } from '../auth.js';
import { postBytes } from '../bytes.js';
import { withServiceNow } from '../client.js';
import { sysIdInput, tableInput } from '../record.js';

export const uploadAttachment = defineAction({
  auth,
  key: 'attachments.upload',
  title: 'Attach a file to a record',
  description:
    'Attaches a file to a record of any table (Attachment API, POST /api/now/attachment/file). Content is text or base64.',
  input: Type.Object({
    table: tableInput,
    sysId: sysIdInput,
    fileName: Type.String({ minLength: 1, maxLength: 100, description: 'File name, e.g. screenshot.png' }),
    ...uploadFields(),
  }),
  output: attachmentSchema,
  examples: [
    {
      title: 'Attach a log excerpt to an incident',
      input: {
        table: 'incident',
        sysId: '9d385017c611228701d22104cc95c371',
        fileName: 'relay.log',
        content: 'ERROR relay refused connection\n',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withServiceNow(auth, ctx, async (api) => {
      const bytes = bytesOf(input.content, input.encoding, ctx.actionKey);
      const query = new URLSearchParams({
        table_name: input.table,
        table_sys_id: input.sysId,
        file_name: input.fileName,
      });
      const answer = (await postBytes(
        api,
        auth,
        `/api/now/attachment/file?${query}`,
        bytes,
        input.contentType ?? defaultContentType(input.encoding),
      )) as { result?: RawAttachment } | undefined;
      return toAttachment(api, answer?.result ?? {});
    });
  },
});
