import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { recordUrl, withServiceNow } from '../client.js';
import { displayValueInput, fieldsInput, fieldValue, readQuery, recordSchema, tableInput } from '../record.js';

export const createRecord = defineAction({
  auth,
  key: 'records.create',
  title: 'Create a record',
  description:
    'Inserts a record into any table through the Table API (POST /api/now/table/{table}); business rules run as for a form submit. Gives the record as stored, with its sys_id.',
  input: Type.Object({
    table: tableInput,
    fields: Type.Record(Type.String({ pattern: '^[a-zA-Z0-9_]+$' }), Type.Unknown(), {
      description: 'Field values by name, e.g. { "short_description": "Printer jam", "urgency": "2" }',
    }),
    returnFields: fieldsInput,
    displayValue: displayValueInput,
    inputDisplayValue: Type.Boolean({
      default: false,
      description: 'Read the given values as display values (e.g. a user’s name for caller_id) rather than stored ones',
    }),
  }),
  output: Type.Object({
    sysId: Type.String({ description: 'sys_id of the new record' }),
    url: Type.String({ description: 'The record in the instance’s UI' }),
    record: recordSchema,
  }),
  examples: [
    {
      title: 'Open a change request',
      input: { table: 'change_request', fields: { short_description: 'Patch web servers', type: 'normal' } },
    },
  ],
  async run({ input, auth, ctx }) {
    return withServiceNow(auth, ctx, async (api) => {
      const { data } = await api.http.post<{ result: Record<string, unknown> }>(`/api/now/table/${input.table}`, {
        query: {
          ...readQuery({ fields: input.returnFields, displayValue: input.displayValue }),
          sysparm_input_display_value: input.inputDisplayValue,
        },
        json: input.fields,
      });
      const sysId = fieldValue(data.result, 'sys_id');
      return { sysId, url: recordUrl(api, input.table, sysId), record: data.result };
    });
  },
});
