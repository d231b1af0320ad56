import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callAirtable, tablePath } from '../client.js';
import { type AirtableRecord, baseId, record, recordId, table, toRecord } from '../records.js';

/** GET /v0/{baseId}/{table}/{recordId} */
export const getRecord = defineAction({
  key: 'records.get',
  title: 'Get a record',
  description: 'Reads one Airtable record by its ID.',
  auth,
  input: Type.Object({ baseId, table, recordId: recordId('Record to read') }),
  output: record,
  examples: [
    { title: 'Get a record', input: { baseId: 'appA1b2C3d4E5f6G7', table: 'Tasks', recordId: 'recA1b2C3d4E5f6G7' } },
  ],
  async run({ input, auth, ctx }) {
    const { data } = await callAirtable(auth, ctx, (http) =>
      http.get<AirtableRecord>(`${tablePath(input.baseId, input.table)}/${input.recordId}`),
    );
    return toRecord(data);
  },
});
