import { defineAction, Type } from '@mova/sdk';
import { attachmentSchema, type RawAttachment, toAttachment } from '../attachment.js';
import { auth } from '../auth.js';
import { withServiceNow } from '../client.js';
import { sysIdInput, tableInput } from '../record.js';

export const listAttachments = defineAction({
  auth,
  key: 'attachments.list',
  title: 'List a record’s attachments',
  description: 'Lists the files attached to a record (Attachment API, GET /api/now/attachment), oldest first.',
  input: Type.Object({
    table: tableInput,
    sysId: sysIdInput,
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Most attachments to return' }),
  }),
  output: Type.Object({ attachments: Type.Array(attachmentSchema, { description: 'The attachments' }) }),
  examples: [
    { title: 'Files on an incident', input: { table: 'incident', sysId: '9d385017c611228701d22104cc95c371' } },
  ],
  async run({ input, auth, ctx }) {
    return withServiceNow(auth, ctx, async (api) => {
      const { data } = await api.http.get<{ result?: RawAttachment[] }>('/api/now/attachment', {
        query: {
          sysparm_query: `table_name=${input.table}^table_sys_id=${input.sysId}^ORDERBYsys_created_on`,
          sysparm_limit: input.limit,
        },
      });
      return { attachments: (data.result ?? []).map((raw) => toAttachment(api, raw)) };
    });
  },
});
