import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callSalesforce } from '../client.js';
import { failedSave } from '../errors.js';
import { objectName, recordFields } from '../fields.js';

export const createRecord = defineAction({
  auth,
  key: 'records.create',
  title: 'Create a record',
  description: 'Creates one record of any object, standard or custom (REST sObject Basic Information, POST).',
  input: Type.Object({
    object: objectName('API name of the object, e.g. Account, Contact or Invoice__c'),
    fields: recordFields('Field values by API name, e.g. { "Name": "Acme", "Industry": "Energy" }'),
  }),
  output: Type.Object({
    id: Type.String({ description: 'ID of the new record' }),
  }),
  examples: [
    {
      input: { object: 'Account', fields: { Name: 'Acme', Industry: 'Energy' } },
      output: { id: '001D000000IqhSLIAZ' },
    },
  ],
  async run({ input, auth, ctx }) {
    const result = await callSalesforce(auth, ctx, (conn) => conn.sobject(input.object).create(input.fields));
    if (!result.success) throw failedSave(result.errors, ctx.actionKey);
    return { id: result.id };
  },
});
