import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callAirtable, chunks, tablePath } from '../client.js';
import {
  type AirtableRecord,
  baseId,
  fields,
  type RecordsPage,
  record,
  recordId,
  table,
  toRecord,
  typecast,
} from '../records.js';

/** PATCH /v0/{baseId}/{table} (or PUT to clear the rest), ten records per request. */
export const updateRecords = defineAction({
  key: 'records.update',
  title: 'Update records',
  description:
    'Changes cell values of one or more Airtable records by ID; other cells keep their values unless replace is set (sent ten per request).',
  auth,
  input: Type.Object({
    baseId,
    table,
    records: Type.Array(Type.Object({ id: recordId('Record to update'), fields }), {
      minItems: 1,
      maxItems: 1000,
      description: 'Records and the values to set.',
    }),
    replace: Type.Boolean({ default: false, description: 'Clear every cell not given (PUT instead of PATCH).' }),
    typecast,
  }),
  output: Type.Object({ records: Type.Array(record, { description: 'The updated records.' }) }),
  examples: [
    {
      title: 'Mark a task done',
      input: {
        baseId: 'appA1b2C3d4E5f6G7',
        table: 'Tasks',
        records: [{ id: 'recA1b2C3d4E5f6G7', fields: { Status: 'Done' } }],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const updated: AirtableRecord[] = [];
    await callAirtable(auth, ctx, async (http) => {
      for (const batch of chunks(input.records)) {
        const { data } = await http.request<RecordsPage>({
          method: input.replace ? 'PUT' : 'PATCH',
          path: tablePath(input.baseId, input.table),
          json: { records: batch, typecast: input.typecast },
        });
        updated.push(...data.records.map(toRecord));
      }
    });
    return { records: updated };
  },
});
