import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callAirtable, chunks, tablePath } from '../client.js';
import { type AirtableRecord, baseId, fields, record, table, toRecord, typecast } from '../records.js';

interface UpsertAnswer {
  records: AirtableRecord[];
  createdRecords: string[];
  updatedRecords: string[];
}

/** PATCH /v0/{baseId}/{table} with performUpsert.fieldsToMergeOn, ten records per request. */
export const upsertRecords = defineAction({
  key: 'records.upsert',
  title: 'Create or update records',
  description:
    'Updates the Airtable records whose merge fields match (e.g. the same Email), and creates the others (performUpsert; ten per request).',
  auth,
  input: Type.Object({
    baseId,
    table,
    fieldsToMergeOn: Type.Array(Type.String({ minLength: 1 }), {
      minItems: 1,
      maxItems: 3,
      description: 'Fields whose values identify a record (one to three).',
    }),
    records: Type.Array(fields, {
      minItems: 1,
      maxItems: 1000,
      description: 'Cell values; each must hold the merge fields.',
    }),
    typecast,
  }),
  output: Type.Object({
    records: Type.Array(record, { description: 'Every record written, in input order.' }),
    createdRecords: Type.Array(Type.String(), { description: 'IDs of the records created.' }),
    updatedRecords: Type.Array(Type.String(), { description: 'IDs of the records updated.' }),
  }),
  examples: [
    {
      title: 'Upsert contacts by email',
      input: {
        baseId: 'appA1b2C3d4E5f6G7',
        table: 'Contacts',
        fieldsToMergeOn: ['Email'],
        records: [{ Email: 'ada@example.com', Name: 'Ada Lovelace' }],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const result: UpsertAnswer = { records: [], createdRecords: [], updatedRecords: [] };
    await callAirtable(auth, ctx, async (http) => {
      for (const batch of chunks(input.records)) {
        const { data } = await http.patch<UpsertAnswer>(tablePath(input.baseId, input.table), {
          json: {
            performUpsert: { fieldsToMergeOn: input.fieldsToMergeOn },
            records: batch.map((f) => ({ fields: f })),
            typecast: input.typecast,
          },
        });
        result.records.push(...data.records.map(toRecord));
        result.createdRecords.push(...data.createdRecords);
        result.updatedRecords.push(...data.updatedRecords);
      }
    });
    return result;
  },
});
