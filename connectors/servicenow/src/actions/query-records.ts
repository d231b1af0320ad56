import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withServiceNow } from '../client.js';
import { displayValueInput, fieldsInput, readQuery, recordSchema, tableInput } from '../record.js';

/** Most rows asked for per request; ServiceNow's own cap is 10 000, smaller pages keep answers quick. */
const PAGE_SIZE = 1000;

export const queryRecords = defineAction({
  auth,
  key: 'records.query',
  title: 'Query records',
  description:
    'Finds records of a table with an encoded query (sysparm_query, as the list filter’s "Copy query" gives it, e.g. active=true^priority=1^ORDERBYDESCsys_created_on), reading pages of up to 1000 with sysparm_limit and sysparm_offset up to limit; nextOffset continues.',
  input: Type.Object({
    table: tableInput,
    query: Type.Optional(
      Type.String({ description: 'Encoded query, e.g. active=true^assignment_group.name=Service Desk^ORDERBYnumber' }),
    ),
    fields: fieldsInput,
    displayValue: displayValueInput,
    limit: Type.Integer({
      minimum: 1,
      maximum: 10000,
      default: 100,
      description: 'Most records to return (default 100)',
    }),
    offset: Type.Integer({
      minimum: 0,
      default: 0,
      description: 'Records to skip (sysparm_offset), e.g. a previous nextOffset',
    }),
  }),
  output: Type.Object({
    records: Type.Array(recordSchema, { description: 'The records, in the query’s order' }),
    total: Type.Union([Type.Integer(), Type.Null()], { description: 'How many records match in all (X-Total-Count)' }),
    nextOffset: Type.Union([Type.Integer(), Type.Null()], {
      description: 'Offset of the next records; null when none are left',
    }),
  }),
  examples: [
    {
      title: 'Open P1 incidents, newest first',
      input: {
        table: 'incident',
        query: 'active=true^priority=1^ORDERBYDESCsys_created_on',
        fields: ['number', 'short_description', 'assigned_to'],
        displayValue: 'true',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withServiceNow(auth, ctx, async (api) => {
      const records: Record<string, unknown>[] = [];
      let offset = input.offset;
      let total: number | null = null;
      for (;;) {
        const want = Math.min(PAGE_SIZE, input.limit - records.length);
        const response = await api.http.get<{ result: Record<string, unknown>[] }>(`/api/now/table/${input.table}`, {
          query: { ...readQuery(input), sysparm_query: input.query, sysparm_limit: want, sysparm_offset: offset },
        });
        const page = response.data.result ?? [];
        const count = Number.parseInt(response.headers['x-total-count'] ?? '', 10);
        total = Number.isNaN(count) ? null : count;
        records.push(...page);
        offset += page.length;
        const more = page.length === want && (total === null || offset < total);
        if (!more) return { records, total, nextOffset: null };
        if (records.length >= input.limit) return { records, total, nextOffset: offset };
      }
    });
  },
});
