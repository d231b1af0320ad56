import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callAirtable, tablePath } from '../client.js';
import { type AirtableRecord, baseId, type RecordsPage, record, table, toRecord } from '../records.js';

/** GET /v0/{baseId}/{table}, following `offset` page by page. */
export const listRecords = defineAction({
  key: 'records.list',
  title: 'List records',
  description:
    'Lists the records of an Airtable table, optionally filtered by a formula, limited to a view, sorted and with chosen fields; pages through up to maxRecords.',
  auth,
  input: Type.Object({
    baseId,
    table,
    filterByFormula: Type.Optional(
      Type.String({ minLength: 1, description: "Airtable formula a record must make true, e.g. {Status} = 'Done'." }),
    ),
    view: Type.Optional(Type.String({ minLength: 1, description: 'View name or ID: its filters and order apply.' })),
    fields: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), { description: 'Only these fields (names or IDs).' }),
    ),
    sort: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String({ minLength: 1, description: 'Field to sort by.' }),
          direction: Type.Union([Type.Literal('asc'), Type.Literal('desc')], {
            default: 'asc',
            description: 'asc or desc.',
          }),
        }),
        { description: 'Sort order, overriding the view’s.' },
      ),
    ),
    maxRecords: Type.Integer({ minimum: 1, maximum: 100_000, default: 1000, description: 'Most records to return.' }),
  }),
  output: Type.Object({ records: Type.Array(record, { description: 'The records, in order.' }) }),
  examples: [
    {
      title: 'Open tasks, newest due first',
      input: {
        baseId: 'appA1b2C3d4E5f6G7',
        table: 'Tasks',
        filterByFormula: "{Status} != 'Done'",
        sort: [{ field: 'Due', direction: 'desc' }],
        maxRecords: 100,
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const query = {
      filterByFormula: input.filterByFormula,
      view: input.view,
      maxRecords: input.maxRecords,
      pageSize: Math.min(100, input.maxRecords),
      'fields[]': input.fields,
      ...Object.fromEntries(
        (input.sort ?? []).flatMap((s, i) => [
          [`sort[${i}][field]`, s.field],
          [`sort[${i}][direction]`, s.direction],
        ]),
      ),
    };
    const records: AirtableRecord[] = [];
    await callAirtable(auth, ctx, async (http) => {
      const pages = http.paginate<AirtableRecord, RecordsPage>({
        path: tablePath(input.baseId, input.table),
        query,
        strategy: {
          type: 'cursor',
          cursorParam: 'offset',
          nextCursor: (r) => r.data.offset,
          items: (r) => r.data.records,
        },
      });
      for await (const found of pages) {
        records.push(toRecord(found));
        if (records.length >= input.maxRecords) break;
      }
    });
    return { records };
  },
});
