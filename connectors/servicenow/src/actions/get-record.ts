import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { recordUrl, withServiceNow } from '../client.js';
import { displayValueInput, fieldsInput, readQuery, recordSchema, sysIdInput, tableInput } from '../record.js';

export const getRecord = defineAction({
  auth,
  key: 'records.get',
  title: 'Get a record',
  description:
    'Reads one record of a table by sys_id, all fields or the ones named, as stored values or display values.',
  input: Type.Object({ table: tableInput, sysId: sysIdInput, fields: fieldsInput, displayValue: displayValueInput }),
  output: Type.Object({
    sysId: Type.String({ description: 'sys_id of the record' }),
    url: Type.String({ description: 'The record in the instance’s UI' }),
    record: recordSchema,
  }),
  examples: [
    {
      title: 'An incident with labels',
      input: { table: 'incident', sysId: '9d385017c611228701d22104cc95c371', displayValue: 'true' },
    },
  ],
  async run({ input, auth, ctx }) {
    return withServiceNow(auth, ctx, async (api) => {
      const { data } = await api.http.get<{ result: Record<string, unknown> }>(
        `/api/now/table/${input.table}/${input.sysId}`,
        { query: readQuery(input) },
      );
      return { sysId: input.sysId, url: recordUrl(api, input.table, input.sysId), record: data.result };
    });
  },
});
