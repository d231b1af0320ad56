import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withServiceNow } from '../client.js';
import { sysIdInput, tableInput } from '../record.js';

export const deleteRecord = defineAction({
  auth,
  key: 'records.delete',
  title: 'Delete a record',
  description: 'Deletes a record by sys_id (DELETE /api/now/table/{table}/{sys_id}); cascade rules of the table apply.',
  input: Type.Object({ table: tableInput, sysId: sysIdInput }),
  output: Type.Object({
    table: Type.String({ description: 'The table' }),
    sysId: Type.String({ description: 'sys_id of the deleted record' }),
    deleted: Type.Boolean({ description: 'Always true: a missing record fails the step as not_found' }),
  }),
  examples: [
    {
      title: 'Delete a test incident',
      input: { table: 'incident', sysId: '9d385017c611228701d22104cc95c371' },
      output: { table: 'incident', sysId: '9d385017c611228701d22104cc95c371', deleted: true },
    },
  ],
  async run({ input, auth, ctx }) {
    return withServiceNow(auth, ctx, async (api) => {
      await api.http.delete(`/api/now/table/${input.table}/${input.sysId}`);
      return { table: input.table, sysId: input.sysId, deleted: true };
    });
  },
});
