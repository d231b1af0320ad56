import { defineAction, Type } from '@mova/sdk';
import type { QueryResult, Record as SalesforceRecord } from 'jsforce';
import { auth } from '../auth.js';
import { callSalesforce } from '../client.js';

export const queryRecords = defineAction({
  auth,
  key: 'soql.query',
  title: 'Run a SOQL query',
  description:
    'Runs a SOQL query and follows Salesforce’s nextRecordsUrl (queryMore) until all records, or maxRecords of them, are fetched.',
  input: Type.Object({
    query: Type.String({
      minLength: 1,
      maxLength: 100000,
      description: 'SOQL, e.g. SELECT Id, Name FROM Account WHERE CreatedDate = TODAY',
    }),
    maxRecords: Type.Integer({
      minimum: 1,
      maximum: 50000,
      default: 2000,
      description: 'Stop fetching pages once this many records are in hand',
    }),
    includeDeleted: Type.Boolean({
      default: false,
      description: 'Also return deleted and archived records (queryAll)',
    }),
  }),
  output: Type.Object({
    records: Type.Array(Type.Record(Type.String(), Type.Unknown()), {
      description: 'Records as Salesforce returns them, each with an `attributes` object (type, url)',
    }),
    totalSize: Type.Integer({ description: 'How many records match the query in all' }),
    done: Type.Boolean({ description: 'True when records holds every match; false when maxRecords cut it short' }),
  }),
  examples: [
    {
      input: { query: 'SELECT Id, Name FROM Account LIMIT 1', maxRecords: 2000, includeDeleted: false },
      output: {
        records: [
          {
            attributes: { type: 'Account', url: '/services/data/v62.0/sobjects/Account/001D000000IRFmaIAH' },
            Id: '001D000000IRFmaIAH',
            Name: 'Acme',
          },
        ],
        totalSize: 1,
        done: true,
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return callSalesforce(auth, ctx, async (conn) => {
      // A page of at most what is wanted (Salesforce allows 200 to 2000) spares fetching rows that are cut.
      const batchSize = Math.min(Math.max(input.maxRecords, 200), 2000);
      let page: QueryResult<SalesforceRecord> = await conn.query(input.query, {
        scanAll: input.includeDeleted,
        headers: { 'Sforce-Query-Options': `batchSize=${batchSize}` },
      });
      const records = [...page.records];
      while (!page.done && page.nextRecordsUrl && records.length < input.maxRecords) {
        page = await conn.queryMore(page.nextRecordsUrl);
        records.push(...page.records);
      }
      return {
        records: records.slice(0, input.maxRecords),
        totalSize: page.totalSize,
        done: page.done && records.length <= input.maxRecords,
      };
    });
  },
});
