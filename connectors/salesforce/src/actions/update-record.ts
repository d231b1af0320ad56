import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callSalesforce } from '../client.js';
import { failedSave } from '../errors.js';
import { objectName, recordFields, recordId } from '../fields.js';

export const updateRecord = defineAction({
  auth,
  key: 'records.update',
  title: 'Update a record',
  description: 'Changes the given fields of one record, leaving the others as they are (REST sObject Rows, PATCH).',
  input: Type.Object({
    object: objectName('API name of the object, e.g. Account'),
    id: recordId('ID of the record to update'),
    fields: recordFields('Field values to set by API name; null clears a field'),
  }),
  output: Type.Object({
    id: Type.String({ description: 'ID of the updated record' }),
  }),
  examples: [
    {
      input: { object: 'Account', id: '001D000000INjVeIAL', fields: { BillingCity: 'Paris' } },
      output: { id: '001D000000INjVeIAL' },
    },
  ],
  async run({ input, auth, ctx }) {
    const result = await callSalesforce(auth, ctx, (conn) =>
      conn.sobject(input.object).update({ ...input.fields, Id: input.id }),
    );
    if (!result.success) throw failedSave(result.errors, ctx.actionKey);
    return { id: input.id };
  },
});
