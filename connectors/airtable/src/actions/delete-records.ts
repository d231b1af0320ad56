import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callAirtable, chunks, tablePath } from '../client.js';
import { baseId, recordId, table } from '../records.js';

/** DELETE /v0/{baseId}/{table}?records[]=…, ten IDs per request. */
export const deleteRecords = defineAction({
  key: 'records.delete',
  title: 'Delete records',
  description: 'Deletes Airtable records by ID (ten per request); they go to the base’s trash.',
  auth,
  input: Type.Object({
    baseId,
    table,
    recordIds: Type.Array(recordId('Record to delete'), {
      minItems: 1,
      maxItems: 1000,
      description: 'Records to delete.',
    }),
  }),
  output: Type.Object({ deleted: Type.Array(Type.String(), { description: 'IDs Airtable confirmed deleted.' }) }),
  examples: [
    {
      title: 'Delete a record',
      input: { baseId: 'appA1b2C3d4E5f6G7', table: 'Tasks', recordIds: ['recA1b2C3d4E5f6G7'] },
    },
  ],
  async run({ input, auth, ctx }) {
    const deleted: string[] = [];
    await callAirtable(auth, ctx, async (http) => {
      for (const batch of chunks(input.recordIds)) {
        const { data } = await http.delete<{ records: { id: string; deleted: boolean }[] }>(
          tablePath(input.baseId, input.table),
          { query: { 'records[]': batch } },
        );
        deleted.push(...data.records.filter((r) => r.deleted).map((r) => r.id));
      }
    });
    return { deleted };
  },
});
