import { defineAction, Type } from '@mova/sdk';
import type { Connection, Record as SalesforceRecord } from 'jsforce';
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
      insertAndWait(conn, input.object, withAllColumns(input.records), input.pollIntervalMs, input.timeoutSeconds),
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
 * jsforce's loadAndWaitForResults, except that a job it stopped waiting for is left alone: jsforce's clean-up
 * deletes the job after a poll timeout too (it checks for the wrong error name), and Salesforce deletes a
 * job that is still queued (UploadComplete), dropping the records the timeout's hint says are on their way.
 */
async function insertAndWait(
  conn: Connection,
  object: string,
  records: SalesforceRecord[],
  pollIntervalMs: number,
  timeoutSeconds: number,
) {
  const job = conn.bulk2.createJob({ object, operation: 'insert' });
  try {
    await job.open();
    await job.uploadData(records);
    await job.close();
    await job.poll(pollIntervalMs, timeoutSeconds * 1000);
    return await job.getAllResults();
  } catch (error) {
    if (!(error instanceof Error && error.name === 'JobPollingTimeout')) {
      // Best effort, as jsforce does it: an open or failed job is of no use to anyone.
      await job.delete().catch(() => undefined);
    }
    throw error;
  }
}

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
