import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { recordUrl, withServiceNow } from '../client.js';
import { displayValueInput, fieldsInput, readQuery, recordSchema, sysIdInput, tableInput } from '../record.js';

export const updateRecord = defineAction({
  auth,
  key: 'records.update',
  title: 'Update a record',
  description:
    'Changes the given fields of a record (PATCH /api/now/table/{table}/{sys_id}); other fields keep their values. Work notes and comments are added by setting work_notes or comments.',
  input: Type.Object({
    table: tableInput,
    sysId: sysIdInput,
    fields: Type.Record(Type.String({ pattern: '^[a-zA-Z0-9_]+$' }), Type.Unknown(), {
      description: 'Field values to set, e.g. { "state": "2", "work_notes": "Investigating" }',
    }),
    returnFields: fieldsInput,
    displayValue: displayValueInput,
  }),
  output: Type.Object({
    sysId: Type.String({ description: 'sys_id of the record' }),
    url: Type.String({ description: 'The record in the instance’s UI' }),
    record: recordSchema,
  }),
  examples: [
    {
      title: 'Add a work note',
      input: {
        table: 'incident',
        sysId: '9d385017c611228701d22104cc95c371',
        fields: { work_notes: 'Vendor contacted' },
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withServiceNow(auth, ctx, async (api) => {
      const { data } = await api.http.patch<{ result: Record<string, unknown> }>(
        `/api/now/table/${input.table}/${input.sysId}`,
        { query: readQuery({ fields: input.returnFields, displayValue: input.displayValue }), json: input.fields },
      );
      return { sysId: input.sysId, url: recordUrl(api, input.table, input.sysId), record: data.result };
    });
  },
});
