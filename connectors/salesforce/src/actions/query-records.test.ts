// Shapes from the REST API Developer Guide, "Execute a SOQL Query" (dome_query.htm): done, totalSize, records,
// nextRecordsUrl for the rest; "Query Options Header" (Sforce-Query-Options: batchSize); "Status Codes and
// Error Responses" for the error bodies.
import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { BASE, connection, errorBody, failure, orgApi } from '../../test/salesforce-api.js';
import connector from '../index.js';

const account = (id: string, name: string) => ({
  attributes: { type: 'Account', url: `${BASE}/sobjects/Account/${id}` },
  Id: id,
  Name: name,
});

describe('soql.query', () => {
  it('returns a single page as is', async () => {
    orgApi()
      .get(`${BASE}/query`)
      .query({ q: 'SELECT Id, Name FROM Account' })
      .matchHeader('sforce-query-options', 'batchSize=2000')
      .reply(200, {
        totalSize: 2,
        done: true,
        records: [account('001D000000IRFmaIAH', 'Test 1'), account('001D000000IomazIAB', 'Test 2')],
      });
    const out = await runAction(
      connector,
      'soql.query',
      { query: 'SELECT Id, Name FROM Account' },
      { auth: connection },
    );
    expect(out).toEqual({
      records: [account('001D000000IRFmaIAH', 'Test 1'), account('001D000000IomazIAB', 'Test 2')],
      totalSize: 2,
      done: true,
    });
  });

  it('follows nextRecordsUrl and stops at maxRecords, saying it is not done', async () => {
    orgApi()
      .get(`${BASE}/query`)
      .query({ q: 'SELECT Id, Name FROM Account' })
      .matchHeader('sforce-query-options', 'batchSize=200')
      .reply(200, {
        totalSize: 6,
        done: false,
        nextRecordsUrl: `${BASE}/query/01gD0000002HU6KIAW-2`,
        records: [account('001000000000001AAA', 'A1'), account('001000000000002AAA', 'A2')],
      });
    orgApi()
      .get(`${BASE}/query/01gD0000002HU6KIAW-2`)
      .reply(200, {
        totalSize: 6,
        done: false,
        nextRecordsUrl: `${BASE}/query/01gD0000002HU6KIAW-4`,
        records: [account('001000000000003AAA', 'A3'), account('001000000000004AAA', 'A4')],
      });
    const out = await runAction(
      connector,
      'soql.query',
      { query: 'SELECT Id, Name FROM Account', maxRecords: 3 },
      { auth: connection },
    );
    expect(out).toEqual({
      records: [
        account('001000000000001AAA', 'A1'),
        account('001000000000002AAA', 'A2'),
        account('001000000000003AAA', 'A3'),
      ],
      totalSize: 6,
      done: false,
    });
  });

  it('reads every page when maxRecords allows, and uses queryAll for deleted records', async () => {
    orgApi()
      .get(`${BASE}/queryAll`)
      .query({ q: 'SELECT Id FROM Account WHERE IsDeleted = true' })
      .reply(200, {
        totalSize: 2,
        done: false,
        nextRecordsUrl: `${BASE}/query/01gD0000002HU6KIAW-1`,
        records: [account('001000000000001AAA', 'A1')],
      });
    orgApi()
      .get(`${BASE}/query/01gD0000002HU6KIAW-1`)
      .reply(200, { totalSize: 2, done: true, records: [account('001000000000002AAA', 'A2')] });
    const out = await runAction(
      connector,
      'soql.query',
      { query: 'SELECT Id FROM Account WHERE IsDeleted = true', includeDeleted: true },
      { auth: connection },
    );
    expect(out).toMatchObject({
      totalSize: 2,
      done: true,
      records: [{ Id: '001000000000001AAA' }, { Id: '001000000000002AAA' }],
    });
  });

  it.each([
    [400, 'MALFORMED_QUERY', 'invalid_input', "unexpected token: 'FORM'"],
    [400, 'INVALID_FIELD', 'invalid_input', "No such column 'Nmae' on entity 'Account'"],
    [400, 'INVALID_TYPE', 'invalid_input', "sObject type 'Acount' is not supported."],
    [403, 'REQUEST_LIMIT_EXCEEDED', 'rate_limit', 'TotalRequests Limit exceeded.'],
    [401, 'INVALID_SESSION_ID', 'auth', 'Session expired or invalid'],
  ])('maps HTTP %i %s to %s', async (status, code, kind, message) => {
    orgApi().get(`${BASE}/query`).query(true).reply(status, errorBody(code, message));
    const error = await failure(
      runAction(connector, 'soql.query', { query: 'SELECT Name FORM Account' }, { auth: connection }),
    );
    expect(error).toMatchObject({ kind, vendorMessage: message, actionKey: 'soql.query' });
    expect(error.message).toBe(`Salesforce refused the call: ${code}: ${message}`);
  });

  it('maps a 503 that carries no error body to transient, without retrying in tests', async () => {
    orgApi().get(`${BASE}/query`).query(true).reply(503, 'Service Unavailable', { 'content-type': 'text/plain' });
    await expect(
      runAction(connector, 'soql.query', { query: 'SELECT Id FROM Account' }, { auth: connection }),
    ).rejects.toMatchObject({ kind: 'transient', status: 503 });
  });

  it('maps a network failure to transient', async () => {
    orgApi()
      .get(`${BASE}/query`)
      .query(true)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    await expect(
      runAction(connector, 'soql.query', { query: 'SELECT Id FROM Account' }, { auth: connection }),
    ).rejects.toMatchObject({ kind: 'transient' });
  });
});
