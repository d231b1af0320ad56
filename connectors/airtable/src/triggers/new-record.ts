import { defineTrigger, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callAirtable, tablePath } from '../client.js';
import { type AirtableRecord, baseId, type RecordsPage, record, table, toRecord } from '../records.js';

/** Where the first poll starts: it only records what it finds. */
const FIRST_LOOKBACK_MS = 3_600_000;

/** An ISO time as an Airtable formula string literal. */
const literal = (iso: string) => `'${iso.replace(/'/g, '')}'`;

/**
 * Lists the records created after the newest one seen (`IS_AFTER(CREATED_TIME(), …)`, ANDed with the
 * user's own formula), deduplicated by createdTime.
 */
export const newRecord = defineTrigger({
  kind: 'polling',
  key: 'records.new',
  title: 'New record',
  description:
    'Starts a workflow when a record is created in an Airtable table (optionally only records a formula or view lets through).',
  auth,
  input: Type.Object({
    baseId,
    table,
    filterByFormula: Type.Optional(
      Type.String({ minLength: 1, description: 'Only records that make this formula true.' }),
    ),
    view: Type.Optional(Type.String({ minLength: 1, description: 'Only records in this view.' })),
    maxRecords: Type.Integer({
      minimum: 1,
      maximum: 10_000,
      default: 1000,
      description: 'Most new records read per poll.',
    }),
  }),
  output: record,
  dedupe: { by: 'timestamp', field: 'createdTime' },
  examples: [{ title: 'New rows of a table', input: { baseId: 'appA1b2C3d4E5f6G7', table: 'Leads' } }],
  async poll({ input, auth, ctx, since }) {
    const after = since ?? new Date(Date.now() - FIRST_LOOKBACK_MS).toISOString();
    const created = `IS_AFTER(CREATED_TIME(), ${literal(after)})`;
    const formula = input.filterByFormula ? `AND(${created}, ${input.filterByFormula})` : created;
    const found: AirtableRecord[] = [];
    await callAirtable(auth, ctx, async (http) => {
      const pages = http.paginate<AirtableRecord, RecordsPage>({
        path: tablePath(input.baseId, input.table),
        query: { filterByFormula: formula, view: input.view, maxRecords: input.maxRecords, pageSize: 100 },
        strategy: {
          type: 'cursor',
          cursorParam: 'offset',
          nextCursor: (r) => r.data.offset,
          items: (r) => r.data.records,
        },
      });
      for await (const r of pages) found.push(toRecord(r));
    });
    return found.sort((a, b) => Date.parse(a.createdTime) - Date.parse(b.createdTime));
  },
});
