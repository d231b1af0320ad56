import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callSalesforce } from '../client.js';
import { failedSave } from '../errors.js';
import { objectName, recordId } from '../fields.js';

export const deleteRecord = defineAction({
  auth,
  key: 'records.delete',
  title: 'Delete a record',
  description: 'Deletes one record; it goes to the Recycle Bin (REST sObject Rows, DELETE).',
  input: Type.Object({
    object: objectName('API name of the object, e.g. Account'),
    id: recordId('ID of the record to delete'),
  }),
  output: Type.Object({
    id: Type.String({ description: 'ID of the deleted record' }),
  }),
  examples: [{ input: { object: 'Account', id: '001D000000INjVeIAL' }, output: { id: '001D000000INjVeIAL' } }],
  async run({ input, auth, ctx }) {
    const result = await callSalesforce(auth, ctx, (conn) => conn.sobject(input.object).destroy(input.id));
    if (!result.success) throw failedSave(result.errors, ctx.actionKey);
    return { id: input.id };
  },
});
