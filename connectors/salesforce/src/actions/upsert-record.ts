import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callSalesforce } from '../client.js';
import { failedSave } from '../errors.js';
import { objectName, recordFields } from '../fields.js';

export const upsertRecord = defineAction({
  auth,
  key: 'records.upsert',
  title: 'Create or update a record by external ID',
  description:
    'Updates the record whose external ID field has the given value, or creates it when none has (REST sObject Rows by External ID, PATCH).',
  input: Type.Object({
    object: objectName('API name of the object, e.g. Account'),
    externalIdField: objectName('API name of an External ID (or Id) field of the object, e.g. Customer_Number__c'),
    externalId: Type.String({ minLength: 1, maxLength: 255, description: 'Value of the external ID to match' }),
    fields: recordFields('Field values to set by API name (without the external ID field)'),
  }),
  output: Type.Object({
    id: Type.Optional(Type.String({ description: 'ID of the record (API versions before 46.0 omit it on update)' })),
    created: Type.Boolean({ description: 'True when a new record was created, false when one was updated' }),
  }),
  examples: [
    {
      input: {
        object: 'Account',
        externalIdField: 'Customer_Number__c',
        externalId: 'CN-1042',
        fields: { Name: 'Acme', Industry: 'Energy' },
      },
      output: { id: '001D000000Kv3dlIAB', created: true },
    },
  ],
  async run({ input, auth, ctx }) {
    // jsforce puts the external ID into the URL path as given; encoding it keeps values such as
    // "ACME/42" from becoming extra path segments.
    const record = { ...input.fields, [input.externalIdField]: encodeURIComponent(input.externalId) };
    const result = await callSalesforce(auth, ctx, (conn) =>
      conn.sobject(input.object).upsert(record, input.externalIdField),
    );
    if (!result.success) throw failedSave(result.errors, ctx.actionKey);
    // Older API versions answer an update with 204 and no body; jsforce then reports neither id nor created.
    return { id: result.id, created: result.created === true };
  },
});
