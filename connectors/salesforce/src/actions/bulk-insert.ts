import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callSalesforce } from '../client.js';
import { objectName } from '../fields.js';

const fieldValue = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);

export const bulkInsert = defineAction({
  auth,
  key: 'bulk.insert',
  title: 'Insert many records (Bulk API 2.0)',
  description:
    'Inserts many records of one object with a Bulk API 2.0 ingest job, waits for it to finish and reports which records failed and why.',
  input: Type.Object({
    object: objectName('API name of the object, e.g. Contact'),
    records: Type.Array(Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_.]*$' }), fieldValue), {
      minItems: 1,
      maxItems: 100000,
      description: 'Records to insert, field values by API name; null leaves a field empty',
    }),
    pollIntervalMs: Type.Integer({
      minimum: 100,
      maximum: 60000,
      default: 2000,
      description: 'How often to check whether the job has finished, in milliseconds',
    }),
    timeoutSeconds: Type.Integer({
      minimum: 1,
      maximum: 3600,
      default: 300,
      description: 'How long to wait for the job; it keeps running in Salesforce after that',
    }),
  }),
  output: Type.Object({
    successful: Type.Integer({ description: 'Number of records inserted' }),
    failed: Type.Integer({ description: 'Number of records Salesforce rejected' }),
    unprocessed: Type.Integer({ description: 'Number of records the job never reached' }),
    ids: Type.Array(Type.String(), {
      description: 'IDs of the inserted records, in the order Salesforce reports them',
    }),
    failures: Type.Array(
      Type.Object({
        error: Type.String({ description: 'Why Salesforce rejected the record, e.g. REQUIRED_FIELD_MISSING:…' }),
        record: Type.Record(Type.String(), Type.String(), { description: 'The record as uploaded (CSV text)' }),
      }),
      { description: 'Each rejected record with its error' },
    ),
  }),
  examples: [
    {
      input: {
        object: 'Contact',
        records: [{ LastName: 'Lovelace', Email: 'ada@example.com' }, { Email: 'nobody@example.com' }],
        pollIntervalMs: 2000,
        timeoutSeconds: 300,
      },
      output: {
        successful: 1,
        failed: 1,
        unprocessed: 0,
        ids: ['003Dn00000XyZaBIAV'],
        failures: [
          {
            error: 'REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --',
            record: { LastName: '', Email: 'nobody@example.com' },
          },
        ],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const results = await callSalesforce(auth, ctx, (conn) =>
      conn.bulk2.loadAndWaitForResults({
        object: input.object,
        operation: 'insert',
        input: withAllColumns(input.records),
        pollInterval: input.pollIntervalMs,
        pollTimeout: input.timeoutSeconds * 1000,
      }),
    );
    const unprocessed = results.unprocessedRecords;
    return {
      successful: results.successfulResults.length,
      failed: results.failedResults.length,
      unprocessed: Array.isArray(unprocessed) ? unprocessed.length : 0,
      ids: results.successfulResults.map((r) => r.sf__Id),
      failures: results.failedResults.map(({ sf__Error, sf__Id, ...record }) => ({
        error: sf__Error,
        record: stringFields(record),
      })),
    };
  },
});

/**
 * jsforce takes the CSV header from the first record and silently drops fields that only later records
 * have; giving every record every column keeps them. An empty cell leaves the field unset.
 */
function withAllColumns<V>(records: Record<string, V>[]): Record<string, V | ''>[] {
  const columns = [...new Set(records.flatMap((record) => Object.keys(record)))];
  return records.map((record) =>
    Object.fromEntries(columns.map((name) => [name, record[name] === undefined ? '' : record[name]])),
  );
}

/** Result rows come back parsed from CSV, so every value is text. */
function stringFields(row: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(row).map(([name, value]) => [name, String(value ?? '')]));
}
