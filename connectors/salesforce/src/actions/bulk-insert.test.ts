// The ingest flow of the Bulk API 2.0 and Bulk API Developer Guide, "Walkthrough for Bulk Insert": create the
// job (POST /jobs/ingest), upload CSV (PUT /jobs/ingest/<id>/batches), close it (PATCH state UploadComplete),
// poll Get Job Info until JobComplete, then read successfulResults, failedResults and unprocessedrecords (CSV
// with sf__Id/sf__Created and sf__Id/sf__Error columns).
import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { BASE, connection, failure, orgApi } from '../../test/salesforce-api.js';
import connector from '../index.js';

const JOB = '7505fEXAMPLE4C2AAM';

const jobInfo = (state: string, extra: Record<string, unknown> = {}) => ({
  id: JOB,
  operation: 'insert',
  object: 'Contact',
  createdById: '0055fEXAMPLEtG4AAM',
  createdDate: '2022-01-02T21:33:43.000+0000',
  systemModstamp: '2022-01-02T21:33:43.000+0000',
  state,
  concurrencyMode: 'Parallel',
  contentType: 'CSV',
  apiVersion: 62.0,
  contentUrl: `services/data/v62.0/jobs/ingest/${JOB}/batches`,
  lineEnding: 'LF',
  columnDelimiter: 'COMMA',
  ...extra,
});

function mockOpenUploadClose(onCsv: (csv: string) => void) {
  orgApi().post(`${BASE}/jobs/ingest`, { object: 'Contact', operation: 'insert' }).reply(200, jobInfo('Open'));
  orgApi()
    .put(`${BASE}/jobs/ingest/${JOB}/batches`, (body: string) => {
      onCsv(body);
      return true;
    })
    .matchHeader('content-type', 'text/csv')
    .reply(201);
  orgApi().patch(`${BASE}/jobs/ingest/${JOB}`, { state: 'UploadComplete' }).reply(200, jobInfo('UploadComplete'));
}

const csv = { 'content-type': 'text/csv' };

describe('bulk.insert', () => {
  it('uploads the records as CSV, waits for the job and reports each record', async () => {
    let uploaded = '';
    mockOpenUploadClose((body) => {
      uploaded = body;
    });
    orgApi().get(`${BASE}/jobs/ingest/${JOB}`).reply(200, jobInfo('InProgress'));
    orgApi()
      .get(`${BASE}/jobs/ingest/${JOB}`)
      .reply(200, jobInfo('JobComplete', { numberRecordsProcessed: 2, numberRecordsFailed: 1 }));
    orgApi()
      .get(`${BASE}/jobs/ingest/${JOB}/successfulResults`)
      .reply(
        200,
        '"sf__Id","sf__Created",LastName,Email,Phone\n"003Dn00000XyZaBIAV","true","Lovelace","ada@example.com",""\n',
        csv,
      );
    orgApi()
      .get(`${BASE}/jobs/ingest/${JOB}/failedResults`)
      .reply(
        200,
        '"sf__Id","sf__Error",LastName,Email,Phone\n"","REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --","","nobody@example.com","555-0100"\n',
        csv,
      );
    orgApi().get(`${BASE}/jobs/ingest/${JOB}/unprocessedrecords`).reply(200, 'LastName,Email,Phone\n', csv);

    const out = await runAction(
      connector,
      'bulk.insert',
      {
        object: 'Contact',
        records: [
          { LastName: 'Lovelace', Email: 'ada@example.com' },
          { LastName: null, Email: 'nobody@example.com', Phone: '555-0100' },
        ],
        pollIntervalMs: 100,
      },
      { auth: connection },
    );
    expect(uploaded).toBe('LastName,Email,Phone\nLovelace,ada@example.com,\n#N/A,nobody@example.com,555-0100\n');
    expect(out).toEqual({
      successful: 1,
      failed: 1,
      unprocessed: 0,
      ids: ['003Dn00000XyZaBIAV'],
      failures: [
        {
          error: 'REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --',
          record: { LastName: '', Email: 'nobody@example.com', Phone: '555-0100' },
        },
      ],
    });
  });
});

describe('bulk.insert failures', () => {
  const input = { object: 'Contact', records: [{ LastName: 'Lovelace' }], pollIntervalMs: 100 };

  it('maps a job Salesforce marks Failed to invalid_input with its reason', async () => {
    mockOpenUploadClose(() => {});
    orgApi()
      .get(`${BASE}/jobs/ingest/${JOB}`)
      .reply(200, jobInfo('Failed', { errorMessage: 'InvalidBatch : Field name not found : LastNme' }));
    const error = await failure(runAction(connector, 'bulk.insert', input, { auth: connection }));
    expect(error).toMatchObject({ kind: 'invalid_input', actionKey: 'bulk.insert' });
    expect(error.message).toContain('Field name not found : LastNme');
  });

  it('maps ExceededQuota on job creation to rate_limit', async () => {
    orgApi()
      .post(`${BASE}/jobs/ingest`)
      .reply(400, [
        { errorCode: 'ExceededQuota', message: 'The job exceeds the allowed number for the past 24-hour period' },
      ]);
    await expect(runAction(connector, 'bulk.insert', input, { auth: connection })).rejects.toMatchObject({
      kind: 'rate_limit',
      vendorMessage: 'The job exceeds the allowed number for the past 24-hour period',
    });
  });

  it('stops waiting after timeoutSeconds without calling it transient (a retry would insert twice)', async () => {
    mockOpenUploadClose(() => {});
    orgApi().get(`${BASE}/jobs/ingest/${JOB}`).reply(200, jobInfo('InProgress')).persist();
    const error = await failure(
      runAction(connector, 'bulk.insert', { ...input, timeoutSeconds: 1 }, { auth: connection }),
    );
    expect(error).toMatchObject({ kind: 'unknown', hint: expect.stringContaining('still running') });
    expect(error.message).toContain(JOB);
  });
});
