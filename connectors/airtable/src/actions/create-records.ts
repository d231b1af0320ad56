import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callAirtable, chunks, tablePath } from '../client.js';
import {
  type AirtableRecord,
  baseId,
  fields,
  type RecordsPage,
  record,
  table,
  toRecord,
  typecast,
} from '../records.js';

/** POST /v0/{baseId}/{table}, ten records per request. */
export const createRecords = defineAction({
  key: 'records.create',
  title: 'Create records',
  description:
    'Creates one or more Airtable records (sent ten per request, Airtable’s batch limit) and returns them as stored.',
  auth,
  input: Type.Object({
    baseId,
    table,
    records: Type.Array(fields, { minItems: 1, maxItems: 1000, description: 'The new records’ cell values.' }),
    typecast,
  }),
  output: Type.Object({ records: Type.Array(record, { description: 'The created records, in input order.' }) }),
  examples: [
    {
      title: 'Create a task',
      input: {
        baseId: 'appA1b2C3d4E5f6G7',
        table: 'Tasks',
        records: [{ Name: 'Call Ada', Status: 'Todo', Estimate: 2 }],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const created: AirtableRecord[] = [];
    await callAirtable(auth, ctx, async (http) => {
      for (const batch of chunks(input.records)) {
        const { data } = await http.post<RecordsPage>(tablePath(input.baseId, input.table), {
          json: { records: batch.map((f) => ({ fields: f })), typecast: input.typecast },
        });
        created.push(...data.records.map(toRecord));
      }
    });
    return { records: created };
  },
});
